"""The job queue shared by `api` and `worker`: one SQLite file under $QUEUE_DIR.

A stand-in for a real queue service. On Fly.io the two process groups are separate machines
with separate disks, so they would share a queue service (Postgres, Redis, SQS, ...), not a
file. Locally both groups run on one host and the file works, including across processes:
SQLite's locking makes claiming a job atomic.

The schema is created and upgraded by migrate.py (the release_command); programs refuse to
start on an older schema.
"""

import json
import os
import secrets
import sqlite3
import time

DEFAULT_QUEUE_DIR = "./var"

# Each migration moves the schema from version i to i + 1 (PRAGMA user_version).
MIGRATIONS = [
    """CREATE TABLE jobs (
           id TEXT PRIMARY KEY,
           task TEXT NOT NULL,
           input TEXT NOT NULL,
           status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
           result TEXT,
           error TEXT,
           created_at REAL NOT NULL,
           started_at REAL,
           finished_at REAL
       );
       CREATE INDEX jobs_by_status ON jobs (status, created_at);""",
    """ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
       ALTER TABLE jobs ADD COLUMN worker TEXT;
       ALTER TABLE jobs ADD COLUMN lease_expires_at REAL;""",
]
SCHEMA_VERSION = len(MIGRATIONS)
MAX_ATTEMPTS = 3


class SchemaTooOld(Exception):
    pass


def database_path():
    directory = os.environ.get("QUEUE_DIR", DEFAULT_QUEUE_DIR)
    os.makedirs(directory, exist_ok=True)
    return os.path.join(directory, "queue.sqlite3")


def connect(path=None):
    """An autocommit connection; callers use explicit transactions where it matters."""
    db = sqlite3.connect(path or database_path(), timeout=10, isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA busy_timeout = 10000")
    return db


def schema_version(db):
    return db.execute("PRAGMA user_version").fetchone()[0]


def require_schema(db):
    version = schema_version(db)
    if version < SCHEMA_VERSION:
        raise SchemaTooOld(
            f"queue schema is at version {version}, this program needs {SCHEMA_VERSION}: "
            "run `python3 migrate.py` (the deploy's release_command) first"
        )


def new_job_id():
    return "job_" + secrets.token_hex(8)


def enqueue(db, task, job_input):
    job_id = new_job_id()
    db.execute(
        "INSERT INTO jobs (id, task, input, status, created_at) VALUES (?, ?, ?, 'queued', ?)",
        (job_id, task, json.dumps(job_input), time.time()),
    )
    return job_id


def job_as_dict(row):
    job = {
        "id": row["id"],
        "task": row["task"],
        "input": json.loads(row["input"]),
        "status": row["status"],
        "attempts": row["attempts"],
        "created_at": row["created_at"],
        "started_at": row["started_at"],
        "finished_at": row["finished_at"],
    }
    if row["result"] is not None:
        job["result"] = json.loads(row["result"])
    if row["error"] is not None:
        job["error"] = row["error"]
    return job


def get(db, job_id):
    row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return None if row is None else job_as_dict(row)


def recent(db, status=None, limit=20):
    if status is None:
        rows = db.execute("SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?", (limit,))
    else:
        rows = db.execute(
            "SELECT * FROM jobs WHERE status = ? ORDER BY created_at DESC LIMIT ?", (status, limit)
        )
    return [job_as_dict(row) for row in rows]


def counts(db):
    found = dict(db.execute("SELECT status, COUNT(*) FROM jobs GROUP BY status").fetchall())
    return {status: found.get(status, 0) for status in ("queued", "running", "succeeded", "failed")}


def claim(db, worker, lease_seconds):
    """Atomically take the oldest queued job for `worker`; None when the queue is empty."""
    now = time.time()
    db.execute("BEGIN IMMEDIATE")
    try:
        row = db.execute(
            "SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at LIMIT 1"
        ).fetchone()
        if row is None:
            db.execute("COMMIT")
            return None
        db.execute(
            """UPDATE jobs SET status = 'running', attempts = attempts + 1, worker = ?,
                   started_at = ?, lease_expires_at = ? WHERE id = ?""",
            (worker, now, now + lease_seconds, row["id"]),
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return get(db, row["id"])


def finish(db, job_id, result=None, error=None):
    status = "failed" if error is not None else "succeeded"
    db.execute(
        """UPDATE jobs SET status = ?, result = ?, error = ?, finished_at = ?, lease_expires_at = NULL
           WHERE id = ? AND status = 'running'""",
        (status, None if result is None else json.dumps(result), error, time.time(), job_id),
    )


def recover_expired(db):
    """Requeue jobs whose worker vanished (lease expired); fail them after MAX_ATTEMPTS."""
    now = time.time()
    failed = db.execute(
        """UPDATE jobs SET status = 'failed', error = 'worker lost the job too many times',
               finished_at = ?, lease_expires_at = NULL
           WHERE status = 'running' AND lease_expires_at < ? AND attempts >= ?""",
        (now, now, MAX_ATTEMPTS),
    ).rowcount
    requeued = db.execute(
        """UPDATE jobs SET status = 'queued', worker = NULL, lease_expires_at = NULL
           WHERE status = 'running' AND lease_expires_at < ?""",
        (now,),
    ).rowcount
    return requeued, failed
