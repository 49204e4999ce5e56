"""worker: runs queued jobs one at a time (process group `worker`).

It polls the queue every $WORKER_POLL_INTERVAL seconds (default 0.5), claims the oldest
queued job, runs it and records the result. On SIGTERM/SIGINT it finishes the job in hand
and exits (fly.toml's kill_timeout leaves time for that). Jobs of a worker that died are
requeued when their lease expires.

For its health check it serves GET /health on 0.0.0.0:$PORT (default 8081): 200 while the
poll loop is alive, 503 when it has stalled.
"""

import os
import signal
import socket
import sqlite3
import sys
import threading
import time
from http.server import ThreadingHTTPServer

import jobqueue
import tasks
from httpkit import JSONHandler, listen_port, setup_logging

DEFAULT_HEALTH_PORT = 8081
LEASE_SECONDS = 60  # longer than any task may take
STALL_SECONDS = 30

log = setup_logging("worker")


class Worker:
    def __init__(self, poll_interval):
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.poll_interval = poll_interval
        self.stopping = threading.Event()
        self.last_poll = time.monotonic()
        self.done = 0

    def run(self, db):
        log.info("worker %s polling every %.1fs", self.name, self.poll_interval)
        while not self.stopping.is_set():
            self.last_poll = time.monotonic()
            requeued, failed = jobqueue.recover_expired(db)
            if requeued or failed:
                log.warning("recovered abandoned jobs: %d requeued, %d failed", requeued, failed)
            job = jobqueue.claim(db, self.name, LEASE_SECONDS)
            if job is None:
                self.stopping.wait(self.poll_interval)
                continue
            self.execute(db, job)

    def execute(self, db, job):
        _check, run = tasks.TASKS.get(job["task"], (None, None))
        started = time.monotonic()
        try:
            if run is None:
                raise ValueError(f"unknown task {job['task']!r}")
            result = run(job["input"])
        except Exception as error:  # a failing job must not stop the worker
            jobqueue.finish(db, job["id"], error=f"{type(error).__name__}: {error}")
            log.warning("job %s (%s) failed: %s", job["id"], job["task"], error)
            return
        jobqueue.finish(db, job["id"], result=result)
        self.done += 1
        log.info("job %s (%s) done in %.3fs", job["id"], job["task"], time.monotonic() - started)

    def healthy(self):
        return time.monotonic() - self.last_poll < STALL_SECONDS + self.poll_interval


class HealthHandler(JSONHandler):
    server_version = "api-worker-worker/1.0"
    worker = None  # set in main()

    def do_GET(self):
        if self.path.split("?", 1)[0] != "/health":
            self.send_json(404, {"error": "not found"})
        elif self.worker.healthy():
            self.send_json(200, {"status": "ok", "worker": self.worker.name, "jobs_done": self.worker.done})
        else:
            self.send_json(503, {"status": "stalled", "worker": self.worker.name})


def main():
    try:
        poll_interval = float(os.environ.get("WORKER_POLL_INTERVAL", "0.5"))
    except ValueError:
        log.error("WORKER_POLL_INTERVAL must be a number of seconds")
        return 1
    try:
        db = jobqueue.connect()
        jobqueue.require_schema(db)
    except (jobqueue.SchemaTooOld, sqlite3.Error, OSError) as error:
        log.error("%s", error)
        return 1

    worker = Worker(max(0.05, poll_interval))
    HealthHandler.worker = worker
    port = listen_port(DEFAULT_HEALTH_PORT)
    health = ThreadingHTTPServer(("0.0.0.0", port), HealthHandler)
    health.daemon_threads = True
    threading.Thread(target=health.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    log.info("health endpoint on 0.0.0.0:%d", port)

    def request_stop(signum, _frame):
        if not worker.stopping.is_set():
            log.info("received %s, finishing the current job and stopping", signal.Signals(signum).name)
            worker.stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        worker.run(db)
    finally:
        health.shutdown()
        health.server_close()
        db.close()
        log.info("stopped after %d jobs", worker.done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
