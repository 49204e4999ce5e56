"""Small helpers shared by this app's programs: logging, JSON over HTTP, graceful shutdown.

Standard library only, so the programs run anywhere `python3` does.
"""

import json
import logging
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY_BYTES = 1 << 20  # 1 MiB is plenty for JSON requests to these services


def setup_logging(name):
    """Log lines to stdout (the platform collects them), level from $LOG_LEVEL."""
    level_name = os.environ.get("LOG_LEVEL", "info").upper()
    level = getattr(logging, level_name, logging.INFO)
    logging.basicConfig(
        stream=sys.stdout,
        level=level,
        format="%(asctime)s %(levelname)s " + name + ": %(message)s",
    )
    return logging.getLogger(name)


def listen_port(default):
    """The port to listen on: $PORT when set (Hangar's shared mode sets it), else `default`."""
    raw = os.environ.get("PORT", "").strip()
    if not raw:
        return default
    try:
        port = int(raw)
    except ValueError:
        raise SystemExit(f"PORT must be a number, got {raw!r}")
    if not 0 < port < 65536:
        raise SystemExit(f"PORT must be between 1 and 65535, got {port}")
    return port


class HTTPError(Exception):
    """Raised by a handler to answer with a JSON error body."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class JSONHandler(BaseHTTPRequestHandler):
    """Base request handler: subclasses define `do_GET`/`do_POST`/... using the helpers below."""

    protocol_version = "HTTP/1.1"
    logger = logging.getLogger("http")

    def read_json(self):
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            raise HTTPError(411, "Content-Length required")
        try:
            length = int(length_header)
        except ValueError:
            raise HTTPError(400, "invalid Content-Length")
        if length < 0 or length > MAX_BODY_BYTES:
            raise HTTPError(413, f"body larger than {MAX_BODY_BYTES} bytes")
        raw = self.rfile.read(length)
        try:
            return json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise HTTPError(400, f"body is not valid JSON: {error}")

    def send_json(self, status, payload, headers=None):
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n"
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_empty(self, status, headers=None):
        self.send_response(status)
        self.send_header("Content-Length", "0")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def dispatch(self, action):
        """Run `action()` and turn HTTPError / unexpected exceptions into JSON errors."""
        try:
            action()
        except HTTPError as error:
            self.send_json(error.status, {"error": error.message})
        except Exception:  # a bug must not kill the server, but it must be visible
            self.logger.exception("unhandled error for %s %s", self.command, self.path)
            self.send_json(500, {"error": "internal error"})

    def log_message(self, format, *args):
        self.logger.debug("%s %s", self.address_string(), format % args)


def serve(handler_class, port, logger, on_stop=None):
    """Serve on 0.0.0.0:`port` until SIGTERM or SIGINT, then stop cleanly and return.

    Binding 0.0.0.0 (not 127.0.0.1) is what makes the app reachable through Fly's proxy,
    and through Hangar's.
    """
    server = ThreadingHTTPServer(("0.0.0.0", port), handler_class)
    server.daemon_threads = True
    stopping = threading.Event()

    def request_stop(signum, _frame):
        if stopping.is_set():
            return
        stopping.set()
        logger.info("received %s, shutting down", signal.Signals(signum).name)
        # shutdown() waits for serve_forever() to return, so it must run on another thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    logger.info("listening on 0.0.0.0:%d", port)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        if on_stop is not None:
            on_stop()
        logger.info("stopped")
