/// The bounds every HTTP message on the daemon's socket must respect. A request that breaks one is
/// answered with an error status (414, 431, 413, 408) and the connection is closed; nothing grows
/// without a limit and nothing waits forever.
public struct HTTPLimits: Sendable, Equatable {
    /// The request line and each header line.
    public var maxLineBytes: Int
    /// Everything before the body: request line and headers.
    public var maxHeadBytes: Int
    public var maxHeaderCount: Int
    public var maxBodyBytes: Int
    /// From a request's first byte to its last.
    public var requestTimeout: Duration
    /// Between two requests on a kept-alive connection.
    public var idleTimeout: Duration
    /// For writing one response (a client that stops reading is dropped).
    public var writeTimeout: Duration
    /// Connections served at once; more are answered 503 and closed.
    public var maxConnections: Int

    public init(
        maxLineBytes: Int = 8 * 1024, maxHeadBytes: Int = 64 * 1024, maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 1024 * 1024, requestTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60),
        writeTimeout: Duration = .seconds(10), maxConnections: Int = 64
    ) {
        self.maxLineBytes = maxLineBytes
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.maxConnections = maxConnections
    }

    public static let standard = HTTPLimits()
}
