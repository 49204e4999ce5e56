/// An HTTP check: one HTTP/1.1 request to `address:port`; the machine passes when the response's
/// status line arrives within `timeout` with a 2xx code. Anything else is a failure, and redirects
/// are never followed (a 301 from `force_https`-style middleware fails the check, as on Fly).
///
/// `https` checks cannot be evaluated: Hangar has no TLS client. They always fail, with an output
/// that says so and whether the port accepts TCP connections at all.
public struct HTTPProbe: Sendable {
    public var address: String
    public var port: Int
    public var timeout: Duration
    public var method: String
    public var path: String
    /// `http` or `https`.
    public var scheme: String
    /// Sent as the `Host` header when set (a check header named `Host` still wins).
    public var tlsServerName: String?
    public var headers: [String: String]

    /// The longest response head read; a longer one is judged by its status line alone.
    static let headLimit = 16 * 1024

    public init(
        address: String, port: Int, timeout: Duration, method: String = "GET", path: String = "/",
        scheme: String = "http", tlsServerName: String? = nil, headers: [String: String] = [:]
    ) {
        self.address = address
        self.port = port
        self.timeout = timeout
        self.method = method
        self.path = path
        self.scheme = scheme
        self.tlsServerName = tlsServerName
        self.headers = headers
    }

    public func run() async -> ProbeOutcome {
        guard let target = ProbeAddress(address) else {
            return .failed("invalid address \(address): expected an IPv4 or IPv6 literal")
        }
        guard let port = UInt16(exactly: port), port > 0 else {
            return .failed("invalid port \(self.port)")
        }
        switch scheme.lowercased() {
        case "http", "":
            break
        case "https":
            return await httpsUnsupported()
        default:
            return .failed("unsupported protocol \(scheme.debugDescription): use http or https")
        }
        let host = tlsServerName.flatMap { $0.isEmpty ? nil : $0 } ?? target.hostPort(Int(port))
        let request: HTTPRequestHead
        do throws(ProbeFailure) {
            request = try HTTPRequestHead(method: method, path: path, host: host, headers: headers)
        } catch {
            return .failed(error.output(timeout: timeout))
        }
        let timeout = self.timeout
        let bytes = request.bytes
        let result = await ProbeThread.run { cancellation -> Result<(HTTPResponseHead, Duration), ProbeFailure> in
            let clock = ContinuousClock()
            let start = clock.now
            let deadline = start.advanced(by: timeout)
            do throws(ProbeFailure) {
                let socket = try ProbeSocket.connect(to: target, port: port, deadline: deadline, cancellation: cancellation)
                try socket.send(bytes, until: deadline, cancellation: cancellation)
                let head = try Self.readHead(from: socket, until: deadline, cancellation: cancellation)
                return .success((head, start.duration(to: clock.now)))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let (head, elapsed)):
            return Self.outcome(for: head, elapsed: elapsed)
        case .failure(.cancelled):
            return .cancelled
        case .failure(.timedOut(let phase)) where phase == "connecting":
            return .failed("timeout after \(ProbeText.duration(timeout)) connecting to \(target.hostPort(Int(port)))")
        case .failure(let failure):
            return .failed(failure.output(timeout: timeout))
        }
    }

    /// 2xx passes; anything else fails, with the redirect target shown for 3xx.
    static func outcome(for head: HTTPResponseHead, elapsed: Duration) -> ProbeOutcome {
        let status = head.reason.isEmpty ? "HTTP \(head.statusCode)" : "HTTP \(head.statusCode) \(head.reason)"
        let timing = "in \(ProbeText.elapsed(elapsed))"
        switch head.statusCode {
        case 200...299:
            return .succeeded("\(status) \(timing)")
        case 300...399:
            let destination = head.location.map { " to \($0)" } ?? ""
            return .failed("\(status)\(destination) \(timing) (redirects are not followed; only 2xx passes)")
        default:
            return .failed("\(status) \(timing) (only 2xx passes)")
        }
    }

    /// Reads until the response head is complete, the peer closes, or the deadline passes; a
    /// complete status line is enough to judge the check. Interim 1xx responses are skipped.
    private static func readHead(
        from socket: borrowing ProbeSocket, until deadline: ContinuousClock.Instant, cancellation: ProbeCancellation
    ) throws(ProbeFailure) -> HTTPResponseHead {
        let phase = "waiting for the response"
        var buffer: [UInt8] = []
        while true {
            let parsed = HTTPResponseHead.parse(buffer)
            var partial: HTTPResponseHead?
            switch parsed {
            case .complete(let head, let length):
                if head.isInterim {
                    buffer.removeFirst(length)
                    continue
                }
                return head
            case .malformed(let detail):
                throw .malformedResponse(detail)
            case .statusLine(let head):
                if !head.isInterim { partial = head }
            case .incomplete:
                break
            }
            if buffer.count >= headLimit {
                if let partial { return partial }
                throw .malformedResponse("no status line in the first \(headLimit) bytes")
            }
            let chunk: [UInt8]
            do throws(ProbeFailure) {
                chunk = try socket.receive(
                    limit: headLimit - buffer.count, until: deadline, cancellation: cancellation, phase: phase)
            } catch {
                if case .timedOut = error, let partial { return partial }
                throw error
            }
            if chunk.isEmpty {
                if let partial { return partial }
                if buffer.isEmpty { throw .closedBeforeResponse }
                throw .malformedResponse("connection closed inside the status line")
            }
            buffer += chunk
        }
    }

    private func httpsUnsupported() async -> ProbeOutcome {
        let reachability = await TCPProbe(address: address, port: port, timeout: timeout).run()
        let detail: String
        switch reachability {
        case .cancelled: return .cancelled
        case .succeeded: detail = "the port accepts TCP connections"
        case .failed(let output): detail = output
        }
        return .failed("https checks need a TLS client, which Hangar does not have yet (\(detail))")
    }
}
