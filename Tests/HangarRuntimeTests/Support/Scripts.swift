/// The small python programs the Machines of the tests run.
enum Scripts {
    /// An HTTP server on $BIND (default 0.0.0.0) : $PORT (default 8080). `GET /` answers the
    /// Machine id; `GET /peer` fetches `/` from `$PEER:8080` and answers that.
    static let server = """
        import http.server, os, socket
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/peer":
                    try:
                        s = socket.create_connection((os.environ["PEER"], 8080), timeout=5)
                        s.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")
                        data = b""
                        while True:
                            chunk = s.recv(4096)
                            if not chunk:
                                break
                            data += chunk
                        body = data.split(b"\\r\\n\\r\\n", 1)[-1]
                    except Exception as error:
                        body = ("error " + str(error)).encode()
                else:
                    body = os.environ.get("FLY_MACHINE_ID", "?").encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        class Server(http.server.HTTPServer):
            address_family = socket.AF_INET6 if ":" in os.environ.get("BIND", "0.0.0.0") else socket.AF_INET
        Server((os.environ.get("BIND", "0.0.0.0"), int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
        """

    /// Appends each SIGINT/SIGTERM it receives (as a number) to argv[1] and keeps running.
    static let signalRecorder = """
        import signal, sys, time
        out = sys.argv[1]
        def record(number, frame):
            with open(out, "a") as f:
                f.write("%d\\n" % number)
        signal.signal(signal.SIGINT, record)
        signal.signal(signal.SIGTERM, record)
        with open(out, "a") as f:
            f.write("ready\\n")
        while True:
            time.sleep(0.05)
        """

    /// Writes an ever-increasing counter to argv[1].
    static let counter = """
        import os, sys, time
        n = 0
        while True:
            n += 1
            with open(sys.argv[1] + ".tmp", "w") as f:
                f.write(str(n))
            os.replace(sys.argv[1] + ".tmp", sys.argv[1])
            time.sleep(0.02)
        """

    /// Allocates (and touches) 300 MB.
    static let memoryHog = """
        import time
        block = b"x" * (300 * 1024 * 1024)
        print("allocated", len(block), flush=True)
        time.sleep(60)
        """
}
