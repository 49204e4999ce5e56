/// One parsed HTTP/1.x request: the method, the target split into its raw path and query, the
/// headers and the body (already complete: the parser waits for every byte of it).
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target as sent (`/v1/apps/demo/logs?tail=5`).
    public var target: String
    /// The target before `?`, still percent-encoded.
    public var path: String
    /// The target after `?`, still percent-encoded; nil when there is no `?`.
    public var query: String?
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(
        method: String, target: String, minorVersion: Int = 1, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = nil
        }
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
    }

    /// HTTP/1.1 keeps the connection open unless the client says `close`; HTTP/1.0 closes it unless
    /// the client asks for `keep-alive`.
    public var keepAlive: Bool {
        if headers.contains("Connection", token: "close") { return false }
        if minorVersion == 0 { return headers.contains("Connection", token: "keep-alive") }
        return true
    }
}
