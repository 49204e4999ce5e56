"""The kinds of job the worker knows how to run.

Each task has a `check(input)` used by the api to reject bad jobs up front (raising
ValueError with a message for the client) and a `run(input)` used by the worker,
which returns a JSON-serialisable result or raises to fail the job.
"""

import hashlib
import re
import time
from collections import Counter

MAX_SLEEP_SECONDS = 20


def _text(job_input):
    if not isinstance(job_input, dict) or not isinstance(job_input.get("text"), str):
        raise ValueError("input must be an object with a string 'text'")
    return job_input["text"]


def check_wordcount(job_input):
    _text(job_input)


def run_wordcount(job_input):
    words = re.findall(r"\w+", _text(job_input).lower())
    return {"words": len(words), "top": Counter(words).most_common(5)}


def check_sha256(job_input):
    _text(job_input)


def run_sha256(job_input):
    return {"sha256": hashlib.sha256(_text(job_input).encode("utf-8")).hexdigest()}


def check_sleep(job_input):
    seconds = job_input.get("seconds") if isinstance(job_input, dict) else None
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
        raise ValueError("input must be an object with a number 'seconds'")
    if not 0 <= seconds <= MAX_SLEEP_SECONDS:
        raise ValueError(f"'seconds' must be between 0 and {MAX_SLEEP_SECONDS}")


def run_sleep(job_input):
    """Stands in for slow work; a stopping worker still finishes it (within kill_timeout)."""
    deadline = time.monotonic() + job_input["seconds"]
    while time.monotonic() < deadline:
        time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
    return {"slept": job_input["seconds"]}


TASKS = {
    "wordcount": (check_wordcount, run_wordcount),
    "sha256": (check_sha256, run_sha256),
    "sleep": (check_sleep, run_sleep),
}
