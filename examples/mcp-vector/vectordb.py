"""vectordb: a small private vector store over HTTP (process group `vectordb`, port 6333).

Texts are turned into sparse vectors by hashing their words and character trigrams into a
fixed number of dimensions; similarity is the cosine of two vectors. Documents persist in
SQLite under $DATA_DIR (default /data, the volume mounted by [[mounts]]).

Endpoints:
  GET    /health            -> {"status": "ok", "documents": N}
  POST   /documents         {"text": "...", "metadata": {...}?} -> 201 {"id": N}
  GET    /documents/<id>    -> the document
  DELETE /documents/<id>    -> 204
  POST   /search            {"query": "...", "limit": 5?} -> {"results": [{id, text, score, metadata}]}
"""

import json
import math
import os
import re
import sqlite3
import sys
import threading
import time
import zlib

from httpkit import HTTPError, JSONHandler, listen_port, serve, setup_logging

DEFAULT_PORT = 6333
DIMENSIONS = 4096
MAX_TEXT_CHARS = 20_000
MAX_LIMIT = 50

log = setup_logging("vectordb")


def embed(text):
    """A normalised sparse vector {dimension: weight} for `text`.

    Whole words carry most of the weight; trigrams of each word (padded with spaces) make
    near-spellings ("vector"/"vectors") land close together.
    """
    weights = {}
    for word in re.findall(r"\w+", text.lower()):
        features = [("w", word, 1.0)]
        padded = f" {word} "
        features += [("t", padded[i : i + 3], 0.3) for i in range(len(padded) - 2)]
        for kind, feature, weight in features:
            dimension = zlib.crc32(f"{kind}:{feature}".encode("utf-8")) % DIMENSIONS
            weights[dimension] = weights.get(dimension, 0.0) + weight
    norm = math.sqrt(sum(value * value for value in weights.values()))
    if norm == 0:
        return {}
    return {dimension: value / norm for dimension, value in weights.items()}


def cosine(a, b):
    """Cosine similarity of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(dimension, 0.0) for dimension, value in a.items())


class Store:
    """Documents in SQLite, with their vectors also held in memory for fast search."""

    def __init__(self, directory):
        os.makedirs(directory, exist_ok=True)
        self.path = os.path.join(directory, "vectors.sqlite3")
        self.lock = threading.Lock()
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            """CREATE TABLE IF NOT EXISTS documents (
                   id INTEGER PRIMARY KEY AUTOINCREMENT,
                   text TEXT NOT NULL,
                   metadata TEXT NOT NULL DEFAULT '{}',
                   vector TEXT NOT NULL,
                   created_at REAL NOT NULL
               )"""
        )
        self.vectors = {}
        for doc_id, vector in self.db.execute("SELECT id, vector FROM documents"):
            self.vectors[doc_id] = {int(k): v for k, v in json.loads(vector).items()}
        log.info("opened %s with %d documents", self.path, len(self.vectors))

    def add(self, text, metadata):
        vector = embed(text)
        with self.lock:
            cursor = self.db.execute(
                "INSERT INTO documents (text, metadata, vector, created_at) VALUES (?, ?, ?, ?)",
                (text, json.dumps(metadata), json.dumps(vector), time.time()),
            )
            self.vectors[cursor.lastrowid] = vector
            return cursor.lastrowid

    def get(self, doc_id):
        with self.lock:
            row = self.db.execute(
                "SELECT id, text, metadata, created_at FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        if row is None:
            return None
        return {"id": row[0], "text": row[1], "metadata": json.loads(row[2]), "created_at": row[3]}

    def delete(self, doc_id):
        with self.lock:
            cursor = self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self.vectors.pop(doc_id, None)
            return cursor.rowcount > 0

    def search(self, query, limit):
        query_vector = embed(query)
        with self.lock:
            scored = [(cosine(query_vector, v), doc_id) for doc_id, v in self.vectors.items()]
        scored = sorted((s for s in scored if s[0] > 0), reverse=True)[:limit]
        results = []
        for score, doc_id in scored:
            document = self.get(doc_id)
            if document is not None:  # deleted meanwhile
                document["score"] = round(score, 4)
                results.append(document)
        return results

    def count(self):
        with self.lock:
            return len(self.vectors)

    def close(self):
        with self.lock:
            self.db.close()


def required_text(payload, key):
    if not isinstance(payload, dict):
        raise HTTPError(400, "body must be a JSON object")
    value = payload.get(key)
    if not isinstance(value, str) or not value.strip():
        raise HTTPError(422, f"'{key}' must be a non-empty string")
    if len(value) > MAX_TEXT_CHARS:
        raise HTTPError(413, f"'{key}' is longer than {MAX_TEXT_CHARS} characters")
    return value


def document_id(path):
    match = re.fullmatch(r"/documents/(\d+)", path)
    if match is None:
        raise HTTPError(404, "not found")
    return int(match.group(1))


class Handler(JSONHandler):
    server_version = "vectordb/1.0"
    store = None  # set in main()

    def do_GET(self):
        self.dispatch(self.get)

    def do_POST(self):
        self.dispatch(self.post)

    def do_DELETE(self):
        self.dispatch(self.delete)

    def get(self):
        path = self.path.split("?", 1)[0]
        if path == "/health":
            self.send_json(200, {"status": "ok", "documents": self.store.count()})
            return
        document = self.store.get(document_id(path))
        if document is None:
            raise HTTPError(404, "no such document")
        self.send_json(200, document)

    def post(self):
        if self.path == "/documents":
            payload = self.read_json()
            text = required_text(payload, "text")
            metadata = payload.get("metadata", {})
            if not isinstance(metadata, dict):
                raise HTTPError(422, "'metadata' must be an object")
            doc_id = self.store.add(text, metadata)
            log.info("stored document %d (%d chars)", doc_id, len(text))
            self.send_json(201, {"id": doc_id}, {"Location": f"/documents/{doc_id}"})
        elif self.path == "/search":
            payload = self.read_json()
            query = required_text(payload, "query")
            limit = payload.get("limit", 5)
            if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
                raise HTTPError(422, f"'limit' must be an integer between 1 and {MAX_LIMIT}")
            self.send_json(200, {"results": self.store.search(query, limit)})
        else:
            raise HTTPError(404, "not found")

    def delete(self):
        if not self.store.delete(document_id(self.path)):
            raise HTTPError(404, "no such document")
        self.send_empty(204)


def main():
    data_dir = os.environ.get("DATA_DIR", "/data")
    try:
        Handler.store = Store(data_dir)
    except (OSError, sqlite3.Error) as error:
        log.error("cannot open the store in %s: %s (set DATA_DIR to a writable directory)", data_dir, error)
        return 1
    serve(Handler, listen_port(DEFAULT_PORT), log, on_stop=Handler.store.close)
    return 0


if __name__ == "__main__":
    sys.exit(main())
