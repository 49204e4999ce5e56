"""migrate: bring the queue database schema up to date. The deploy's release_command.

Idempotent: each migration runs once, tracked by SQLite's `PRAGMA user_version`, inside a
transaction, so running it again (every deploy does) changes nothing.
"""

import os
import sqlite3
import sys

import jobqueue
from httpkit import setup_logging

log = setup_logging("migrate")


def migrate(db):
    """Apply the pending migrations; returns the versions applied."""
    db.execute("PRAGMA journal_mode=WAL")  # persistent: readers and the writer don't block each other
    applied = []
    db.execute("BEGIN IMMEDIATE")  # one migrator at a time
    try:
        version = jobqueue.schema_version(db)
        if version > jobqueue.SCHEMA_VERSION:
            raise RuntimeError(
                f"database schema version {version} is newer than this release "
                f"({jobqueue.SCHEMA_VERSION}); refusing to touch it"
            )
        for target in range(version + 1, jobqueue.SCHEMA_VERSION + 1):
            for statement in jobqueue.MIGRATIONS[target - 1].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {target}")
            applied.append(target)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return applied


def main():
    if os.environ.get("RELEASE_COMMAND") == "1":
        log.info("running as the release command")
    path = jobqueue.database_path()
    try:
        db = jobqueue.connect(path)
        applied = migrate(db)
        db.close()
    except (sqlite3.Error, RuntimeError, OSError) as error:
        log.error("migration of %s failed: %s", path, error)
        return 1
    if applied:
        log.info("%s: applied migrations %s, schema now at version %d",
                 path, ", ".join(map(str, applied)), jobqueue.SCHEMA_VERSION)
    else:
        log.info("%s: schema already at version %d, nothing to do", path, jobqueue.SCHEMA_VERSION)
    return 0


if __name__ == "__main__":
    sys.exit(main())
