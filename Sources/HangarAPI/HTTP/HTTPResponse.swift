import Foundation

/// A response the server sends: a status, headers, and either a complete body or a stream that a
/// producer fills while the client listens (sent with chunked transfer coding).
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// The producer sends chunks through the sink until it returns or the sink refuses a chunk
        /// (the client went away); the task running it is cancelled when the client disconnects.
        case stream(@Sendable (StreamSink) async -> Void)
    }

    public var status: Int
    public var headers: HTTPHeaders
    public var body: Body

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response (`application/json`, newline-terminated).
    public static func json<T: Encodable>(_ value: T, status: Int = 200) -> HTTPResponse {
        guard let data = try? APIJSON.encoder.encode(value) else {
            return error(APIError(status: 500, kind: "failed", message: "the response could not be encoded"))
        }
        return HTTPResponse(
            status: status, headers: HTTPHeaders([("Content-Type", "application/json")]),
            body: .bytes(Array(data) + [UInt8(ascii: "\n")]))
    }

    public static func error(_ error: APIError) -> HTTPResponse {
        json(error, status: error.status)
    }

    public var isStream: Bool {
        if case .stream = body { return true }
        return false
    }

    /// The status line and headers, with `Content-Length` or `Transfer-Encoding: chunked` and
    /// `Connection` added.
    func head(keepAlive: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n"
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        switch body {
        case .bytes(let bytes): text += "Content-Length: \(bytes.count)\r\n"
        case .stream: text += "Transfer-Encoding: chunked\r\n"
        }
        text += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        text += "\r\n"
        return Array(text.utf8)
    }

    /// One chunk of a chunked body.
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8)
    }

    static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)
}
