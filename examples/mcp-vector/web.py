"""web: an MCP server speaking JSON-RPC 2.0 over HTTP (process group `web`, port 8080).

Clients POST JSON-RPC messages to /mcp (the "streamable HTTP" transport, answering with
plain JSON). Two tools are offered: `remember` stores a text in the vector store and
`search` returns the stored texts closest in meaning to a query. The vector store is the
`vectordb` process group, reached at $VECTORDB_URL over the private network: process groups
run on separate machines, so it is never `localhost`.

Endpoints:
  POST /mcp     JSON-RPC 2.0: initialize, ping, tools/list, tools/call (+ notifications)
  GET  /health  -> {"status": "ok"}
"""

import json
import os
import sys
import urllib.error
import urllib.request
import uuid

from httpkit import HTTPError, JSONHandler, listen_port, serve, setup_logging

DEFAULT_PORT = 8080
DEFAULT_VECTORDB_URL = "http://vectordb.process.mcp-vector.internal:6333"
SERVER_INFO = {"name": "mcp-vector", "title": "Vector memory", "version": "1.0.0"}
PROTOCOL_VERSIONS = ("2025-06-18", "2025-03-26", "2024-11-05")  # newest first

PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS = -32700, -32600, -32601, -32602

TOOLS = [
    {
        "name": "remember",
        "title": "Remember a text",
        "description": "Store a piece of text so that `search` can find it later by meaning.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "text": {"type": "string", "description": "The text to store."},
                "source": {"type": "string", "description": "Where the text came from (optional)."},
            },
            "required": ["text"],
        },
    },
    {
        "name": "search",
        "title": "Search remembered texts",
        "description": "Return the stored texts most similar to the query, best first.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "query": {"type": "string", "description": "What to look for."},
                "limit": {"type": "integer", "minimum": 1, "maximum": 20, "default": 5},
            },
            "required": ["query"],
        },
    },
]

log = setup_logging("web")


class RPCError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class VectorDB:
    """Client for the vectordb process group. Never goes through an HTTP proxy."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def post(self, path, payload):
        request = urllib.request.Request(
            self.base_url + path,
            data=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with self.opener.open(request, timeout=5) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()
            raise ToolFailure(f"vector store answered {error.code}: {detail}")
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise ToolFailure(f"vector store unavailable at {self.base_url}: {error}")


class ToolFailure(Exception):
    """A tool ran but failed; reported to the client as a tool result with isError."""


def tool_remember(vectordb, arguments):
    text = arguments.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RPCError(INVALID_PARAMS, "remember: 'text' must be a non-empty string")
    metadata = {}
    if isinstance(arguments.get("source"), str):
        metadata["source"] = arguments["source"]
    stored = vectordb.post("/documents", {"text": text, "metadata": metadata})
    return f"Remembered as #{stored['id']}.", {"id": stored["id"]}


def tool_search(vectordb, arguments):
    query = arguments.get("query")
    if not isinstance(query, str) or not query.strip():
        raise RPCError(INVALID_PARAMS, "search: 'query' must be a non-empty string")
    limit = arguments.get("limit", 5)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 20:
        raise RPCError(INVALID_PARAMS, "search: 'limit' must be an integer between 1 and 20")
    found = vectordb.post("/search", {"query": query, "limit": limit})["results"]
    results = [{"id": r["id"], "text": r["text"], "score": r["score"]} for r in found]
    if not results:
        return "Nothing similar is stored yet.", {"results": []}
    lines = [f"{i}. (#{r['id']}, score {r['score']:.3f}) {r['text']}" for i, r in enumerate(results, 1)]
    return "\n".join(lines), {"results": results}


TOOL_FUNCTIONS = {"remember": tool_remember, "search": tool_search}


def handle_method(vectordb, method, params):
    """The `result` for one JSON-RPC request, or RPCError."""
    if method == "initialize":
        requested = params.get("protocolVersion")
        version = requested if requested in PROTOCOL_VERSIONS else PROTOCOL_VERSIONS[0]
        return {
            "protocolVersion": version,
            "capabilities": {"tools": {"listChanged": False}},
            "serverInfo": SERVER_INFO,
            "instructions": "Use `remember` to store notes and `search` to recall them by meaning.",
        }
    if method == "ping":
        return {}
    if method == "tools/list":
        return {"tools": TOOLS}
    if method == "tools/call":
        name = params.get("name")
        arguments = params.get("arguments", {})
        if name not in TOOL_FUNCTIONS:
            raise RPCError(INVALID_PARAMS, f"unknown tool: {name!r}")
        if not isinstance(arguments, dict):
            raise RPCError(INVALID_PARAMS, "'arguments' must be an object")
        try:
            text, structured = TOOL_FUNCTIONS[name](vectordb, arguments)
        except ToolFailure as failure:
            log.warning("tool %s failed: %s", name, failure)
            return {"content": [{"type": "text", "text": str(failure)}], "isError": True}
        return {
            "content": [{"type": "text", "text": text}],
            "structuredContent": structured,
            "isError": False,
        }
    raise RPCError(METHOD_NOT_FOUND, f"method not found: {method}")


def handle_message(vectordb, message):
    """The response object for one JSON-RPC message, or None for notifications/responses."""
    if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
        return error_response(None, INVALID_REQUEST, "not a JSON-RPC 2.0 message")
    if "method" not in message:
        return None  # a response from the client; nothing to answer
    has_id = "id" in message
    request_id = message.get("id")
    method = message["method"]
    params = message.get("params", {})
    if not isinstance(method, str) or not isinstance(params, dict):
        return error_response(request_id, INVALID_REQUEST, "'method' must be a string, 'params' an object")
    if not has_id:
        log.debug("notification %s", method)
        return None
    try:
        return {"jsonrpc": "2.0", "id": request_id, "result": handle_method(vectordb, method, params)}
    except RPCError as error:
        return error_response(request_id, error.code, error.message)


def error_response(request_id, code, message):
    return {"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}}


class Handler(JSONHandler):
    server_version = "mcp-vector/1.0"
    vectordb = None  # set in main()

    def do_GET(self):
        self.dispatch(self.get)

    def do_POST(self):
        self.dispatch(self.post)

    def get(self):
        path = self.path.split("?", 1)[0]
        if path == "/health":
            self.send_json(200, {"status": "ok"})
        elif path == "/mcp":
            # This server does not open server-initiated event streams.
            self.send_json(405, {"error": "use POST for MCP messages"}, {"Allow": "POST"})
        else:
            raise HTTPError(404, "not found")

    def post(self):
        if self.path.split("?", 1)[0] != "/mcp":
            raise HTTPError(404, "not found")
        try:
            body = self.read_json()
        except HTTPError as error:
            if error.status != 400:
                raise
            self.send_json(400, error_response(None, PARSE_ERROR, error.message))
            return
        if isinstance(body, list):  # a batch (older protocol versions)
            if not body:
                self.send_json(400, error_response(None, INVALID_REQUEST, "empty batch"))
                return
            responses = [r for r in (handle_message(self.vectordb, m) for m in body) if r is not None]
        else:
            responses = handle_message(self.vectordb, body)
        if not responses:
            self.send_empty(202)
            return
        headers = {}
        if isinstance(body, dict) and body.get("method") == "initialize" and "result" in responses:
            headers["Mcp-Session-Id"] = uuid.uuid4().hex
        self.send_json(200, responses, headers)


def main():
    url = os.environ.get("VECTORDB_URL", DEFAULT_VECTORDB_URL)
    Handler.vectordb = VectorDB(url)
    log.info("vector store at %s", url)
    serve(Handler, listen_port(DEFAULT_PORT), log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
