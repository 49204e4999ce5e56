/// Serves one client connection on its own thread: parses requests (pipelined ones in order),
/// routes each one, and writes its response; keeps the connection open between requests for
/// `idleTimeout`. A malformed, oversized, truncated or too slow request gets its error status and
/// the connection is closed.
struct HTTPConnection: Sendable {
    let socket: UnixSocket
    let router: Router
    let auth: BearerAuth?
    let limits: HTTPLimits
    let log: DaemonLog?
    let isStopping: @Sendable () -> Bool

    func run() {
        var parser = HTTPRequestParser(limits: limits)
        var buffer: [UInt8] = []
        var requestStarted: ContinuousClock.Instant?
        var sentContinue = false
        while !isStopping() {
            switch parser.next(&buffer) {
            case .request(let request):
                requestStarted = buffer.isEmpty ? nil : .now
                sentContinue = false
                guard respond(to: request) else { return }
            case .failure(let error):
                log?.write("rejected a request: \(error.status) \(error.message)")
                send(.error(error), keepAlive: false)
                return
            case .incomplete(let expectsContinue):
                if expectsContinue, !sentContinue {
                    sentContinue = true
                    guard write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return }
                }
                let deadline = requestStarted.map { $0 + limits.requestTimeout } ?? .now + limits.idleTimeout
                let bytes: [UInt8]
                do {
                    bytes = try socket.read(until: deadline)
                } catch {
                    if requestStarted != nil, case .timeout = error {
                        send(
                            .error(
                                APIError(
                                    status: 408, kind: "timeout",
                                    message: "the request did not arrive within \(limits.requestTimeout)")),
                            keepAlive: false)
                    }
                    return
                }
                if bytes.isEmpty {
                    if requestStarted != nil, buffer.contains(where: { $0 != 0x0D && $0 != 0x0A }) {
                        send(.error(.badRequest("the request ended before it was complete")), keepAlive: false)
                    }
                    return
                }
                if requestStarted == nil { requestStarted = .now }
                buffer += bytes
            }
        }
    }

    /// Routes and answers one request; false when the connection must close.
    private func respond(to request: HTTPRequest) -> Bool {
        let started = ContinuousClock.now
        let router = self.router
        let refusal = auth?.check(request)
        let response =
            refusal ?? AsyncBridge.wait { await router.handle(request) }
            ?? .error(APIError(status: 500, kind: "failed", message: "the request was not answered"))
        let elapsed = (ContinuousClock.now - started).clampedMilliseconds
        log?.write("\(request.method) \(HTTPText.loggable(request.target)) \(response.status) \(elapsed)ms")
        if case .stream(let producer) = response.body {
            stream(response, producer)
            return false
        }
        let keepAlive = request.keepAlive && !isStopping()
        return send(response, keepAlive: keepAlive) && keepAlive
    }

    @discardableResult
    private func send(_ response: HTTPResponse, keepAlive: Bool) -> Bool {
        guard case .bytes(let body) = response.body else { return false }
        return write(response.head(keepAlive: keepAlive) + body)
    }

    private func write(_ bytes: [UInt8]) -> Bool {
        do {
            try socket.write(bytes, until: .now + limits.writeTimeout)
            return true
        } catch {
            return false
        }
    }

    /// Sends a streamed body in chunks until the producer ends, the client disconnects or the server
    /// stops; the producer's task is cancelled in the last two cases.
    private func stream(_ response: HTTPResponse, _ producer: @escaping @Sendable (StreamSink) async -> Void) {
        guard write(response.head(keepAlive: false)) else { return }
        let sink = StreamSink()
        let task = Task {
            await producer(sink)
            sink.finish()
        }
        var completed = false
        loop: while true {
            switch sink.next(timeout: .milliseconds(200)) {
            case .chunk(let bytes):
                guard write(HTTPResponse.chunk(bytes)) else { break loop }
            case .end:
                completed = true
                break loop
            case nil:
                if socket.peerHasClosed() || isStopping() { break loop }
            }
        }
        sink.close()
        task.cancel()
        if completed { _ = write(HTTPResponse.lastChunk) }
    }
}
