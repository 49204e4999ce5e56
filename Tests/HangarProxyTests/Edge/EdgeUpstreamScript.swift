/// A python3 (stdlib) upstream for the edge tests: answers every request with a JSON body of what
/// it saw (its name, method, path, headers, the client port of the connection, and the body), and:
/// `/sleep?s=N` waits N seconds first, `/replay?to=ID` answers with `fly-replay: instance=ID`
/// (unless it is machine ID), an `Upgrade` request gets a 101 and then an echo of raw bytes, and
/// `/raw` on a port started with `--raw` echoes TCP.
enum EdgeUpstreamScript {
    static let source = #"""
import http.server, json, socketserver, sys, time, urllib.parse, socket, threading

name = sys.argv[1]
port = int(sys.argv[2])
raw = len(sys.argv) > 3 and sys.argv[3] == "--raw"

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def handle_any(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        if self.headers.get("Upgrade"):
            self.send_response(101)
            self.send_header("Upgrade", self.headers.get("Upgrade"))
            self.send_header("Connection", "Upgrade")
            self.end_headers()
            self.wfile.flush()
            conn = self.connection
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                conn.sendall(data)
            self.close_connection = True
            return
        if url.path == "/sleep":
            time.sleep(float(query.get("s", ["1"])[0]))
        replay = query.get("to", [None])[0] if url.path == "/replay" else None
        payload = json.dumps({
            "machine": name, "method": self.command, "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "client_port": self.client_address[1], "body": body,
        }).encode()
        self.send_response(200)
        if replay and replay != name:
            self.send_header("fly-replay", "instance=" + replay)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Secret", "hidden")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)
    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

def echo(conn):
    with conn:
        while True:
            data = conn.recv(65536)
            if not data:
                return
            conn.sendall(name.encode() + b":" + data)

if raw:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)
    print("ready", flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=echo, args=(conn,), daemon=True).start()
else:
    server = Server(("127.0.0.1", port), Handler)
    print("ready", flush=True)
    server.serve_forever()
"""#
}
