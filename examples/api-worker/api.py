"""api: accepts jobs over HTTP and reports on them (process group `api`, port 8080).

Endpoints:
  POST /jobs          {"task": "wordcount", "input": {...}} -> 202 {"id", "status", "url"}
  GET  /jobs/<id>     -> the job, with "result" once the worker has run it
  GET  /jobs          ?status=queued|running|succeeded|failed -> the 20 most recent jobs
  GET  /health        -> {"status": "ok", "queue": {counts by status}}
"""

import re
import sqlite3
import sys
from urllib.parse import parse_qs, urlsplit

import jobqueue
import tasks
from httpkit import HTTPError, JSONHandler, listen_port, serve, setup_logging

DEFAULT_PORT = 8080

log = setup_logging("api")


class Handler(JSONHandler):
    server_version = "api-worker/1.0"

    def do_GET(self):
        self.dispatch(self.get)

    def do_POST(self):
        self.dispatch(self.post)

    def get(self):
        url = urlsplit(self.path)
        db = jobqueue.connect()
        try:
            if url.path == "/health":
                self.send_json(200, {"status": "ok", "queue": jobqueue.counts(db)})
            elif url.path == "/jobs":
                status = parse_qs(url.query).get("status", [None])[0]
                if status not in (None, "queued", "running", "succeeded", "failed"):
                    raise HTTPError(400, f"unknown status {status!r}")
                self.send_json(200, {"jobs": jobqueue.recent(db, status)})
            elif (match := re.fullmatch(r"/jobs/(job_[0-9a-f]+)", url.path)) is not None:
                job = jobqueue.get(db, match.group(1))
                if job is None:
                    raise HTTPError(404, "no such job")
                self.send_json(200, job)
            else:
                raise HTTPError(404, "not found")
        finally:
            db.close()

    def post(self):
        if urlsplit(self.path).path != "/jobs":
            raise HTTPError(404, "not found")
        payload = self.read_json()
        if not isinstance(payload, dict):
            raise HTTPError(400, "body must be a JSON object")
        task = payload.get("task")
        if task not in tasks.TASKS:
            raise HTTPError(422, f"'task' must be one of: {', '.join(sorted(tasks.TASKS))}")
        job_input = payload.get("input", {})
        check, _run = tasks.TASKS[task]
        try:
            check(job_input)
        except ValueError as error:
            raise HTTPError(422, f"{task}: {error}")
        db = jobqueue.connect()
        try:
            job_id = jobqueue.enqueue(db, task, job_input)
        finally:
            db.close()
        log.info("queued %s (%s)", job_id, task)
        url = f"/jobs/{job_id}"
        self.send_json(202, {"id": job_id, "status": "queued", "url": url}, {"Location": url})


def main():
    try:
        db = jobqueue.connect()
        jobqueue.require_schema(db)
        db.close()
    except (jobqueue.SchemaTooOld, sqlite3.Error, OSError) as error:
        log.error("%s", error)
        return 1
    serve(Handler, listen_port(DEFAULT_PORT), log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
