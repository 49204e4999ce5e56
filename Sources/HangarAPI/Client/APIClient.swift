import Foundation
import HangarRuntime

/// The CLI's side of the API: one request per connection over the daemon's unix socket. Each call
/// blocks a thread of its own (never the cooperative pool); cancelling the calling task shuts the
/// socket down, which ends the call at once.
public struct APIClient: Sendable {
    public struct Response: Sendable, Equatable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: [UInt8]
    }

    public let socketPath: String
    /// The least time any call waits for its answer (each call has its own timeout on top: `up`
    /// waits for its wait timeout, `down` for kill timeouts). A busy host may want more.
    public let patience: Duration

    public init(socketPath: String, patience: Duration = .seconds(30)) {
        self.socketPath = socketPath
        self.patience = patience
    }

    /// Sends one request and reads the whole response, whatever its status.
    public func send(_ method: String, _ path: String, body: [UInt8]? = nil, timeout: Duration = .seconds(30))
        async throws(APIClientError) -> Response
    {
        try await perform(timeout: timeout) { socket, deadline throws(APIClientError) in
            try Self.write(socket, method: method, path: path, body: body, deadline: deadline)
            var reader = HTTPResponseReader(socket: socket, deadline: deadline)
            let head = try reader.readHead()
            let data = try reader.readBody(head)
            return Response(status: head.status, headers: head.headers, body: data)
        }
    }

    /// Sends one request and decodes a 2xx body as `T`; an error status becomes `.api`.
    public func call<T: Decodable & Sendable, B: Encodable>(
        _ method: String, _ path: String, body: B, timeout: Duration = .seconds(30), as type: T.Type = T.self
    ) async throws(APIClientError) -> T {
        guard let data = try? APIJSON.encoder.encode(body) else { throw .transport("the request could not be encoded") }
        return try await call(method, path, bytes: Array(data), timeout: timeout)
    }

    /// Sends one request without a body and decodes a 2xx body as `T`.
    public func call<T: Decodable & Sendable>(
        _ method: String, _ path: String, timeout: Duration = .seconds(30), as type: T.Type = T.self
    ) async throws(APIClientError) -> T {
        try await call(method, path, bytes: nil, timeout: timeout)
    }

    private func call<T: Decodable & Sendable>(_ method: String, _ path: String, bytes: [UInt8]?, timeout: Duration)
        async throws(APIClientError) -> T
    {
        let response = try await send(method, path, body: bytes, timeout: timeout)
        try Self.check(response)
        do {
            return try APIJSON.decoder.decode(T.self, from: Data(response.body))
        } catch {
            throw .transport("the daemon's answer to \(method) \(path) is not the JSON expected: \(error)")
        }
    }

    /// A GET whose 2xx body arrives piece by piece (`onData` returns false to stop); an error
    /// status becomes `.api`. Runs until the body ends, `onData` stops it, or the task is cancelled.
    public func stream(_ path: String, onData: @escaping @Sendable ([UInt8]) -> Bool) async throws(APIClientError) {
        try await perform(timeout: .seconds(86_400 * 365)) { socket, deadline throws(APIClientError) in
            try Self.write(socket, method: "GET", path: path, body: nil, deadline: .now + patience)
            var reader = HTTPResponseReader(socket: socket, deadline: deadline)
            let head = try reader.readHead()
            guard (200..<300).contains(head.status) else {
                let body = try reader.readBody(head)
                try Self.check(Response(status: head.status, headers: head.headers, body: body))
                return
            }
            try reader.readBody(head) { data throws(APIClientError) in onData(data) }
        }
    }

    /// Whether a daemon answers on the socket (within two seconds).
    public func isAnswering() async -> Bool {
        do {
            let _: DaemonInfo = try await call("GET", APIPaths.daemon, timeout: .seconds(2))
            return true
        } catch {
            return false
        }
    }

    static func check(_ response: Response) throws(APIClientError) {
        guard !(200..<300).contains(response.status) else { return }
        var error =
            (try? APIJSON.decoder.decode(APIError.self, from: Data(response.body)))
            ?? APIError(
                status: response.status, kind: response.status >= 500 ? "failed" : "invalid",
                message: "the daemon answered \(response.status) \(HTTPStatus.reason(response.status))")
        error.status = response.status
        throw .api(error)
    }

    static func write(_ socket: UnixSocket, method: String, path: String, body: [UInt8]?, deadline: ContinuousClock.Instant)
        throws(APIClientError)
    {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: hangar\r\nConnection: close\r\nUser-Agent: hangar\r\n"
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        do {
            try socket.write(Array(head.utf8) + (body ?? []), until: deadline)
        } catch {
            throw .transport("sending the request to the daemon failed: \(error)")
        }
    }

    private func perform<T: Sendable>(
        timeout: Duration, _ body: @escaping @Sendable (UnixSocket, ContinuousClock.Instant) throws(APIClientError) -> T
    ) async throws(APIClientError) -> T {
        let socket: UnixSocket
        do {
            socket = try UnixSocket.connect(path: socketPath, timeout: .seconds(5))
        } catch {
            if error.isNotListening { throw .daemonNotRunning(socket: socketPath) }
            throw .transport("cannot connect to the daemon on \(socketPath): \(error)")
        }
        let deadline = ContinuousClock.now + max(timeout, patience)
        let result: Result<T, APIClientError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    let outcome: Result<T, APIClientError>
                    do throws(APIClientError) {
                        outcome = .success(try body(socket, deadline))
                    } catch {
                        outcome = .failure(error)
                    }
                    socket.close()
                    continuation.resume(returning: outcome)
                }
                thread.name = "hangar-api-client"
                thread.start()
            }
        } onCancel: {
            socket.shutdown()
        }
        return try result.get()
    }
}
