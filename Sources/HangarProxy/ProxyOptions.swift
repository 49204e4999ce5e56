import HangarCore

/// How the edge listens and protects itself. A value: the daemon builds it from its flags, tests build
/// it with free ports.
public struct ProxyOptions: Sendable, Equatable {
    /// The address every listener binds (`0.0.0.0` by default).
    public var bindHost: String
    /// Added to every public port (`--port-offset N`): port 80 listens on 80 + N.
    public var portOffset: Int
    /// Per app, public port → local port; wins over the offset for that app's port.
    public var portMap: [String: [Int: Int]]
    /// Extra host names routed to an app on shared http/tls ports (lowercased host → app).
    public var hostnames: [String: String]
    /// How long a request waits for a free target when every ready target is at its hard limit.
    public var queueTimeout: Duration
    /// How long a request waits for a stopped machine to be woken and become ready.
    public var wakeTimeout: Duration
    /// Further targets tried after a connection failure.
    public var retries: Int
    /// Connecting to a target gives up after this long (then retries another).
    public var connectTimeout: Duration
    /// Longest request target (URI) accepted; longer gets 414.
    public var maxRequestLineBytes: Int
    /// Total bytes of request header names and values; more gets 431.
    public var maxHeaderBytes: Int
    /// Number of request header fields; more gets 431.
    public var maxHeaderCount: Int
    /// Time allowed to receive a request's headers once its first byte arrived (slow clients get 408).
    public var headerReadTimeout: Duration
    /// An idle keep-alive HTTP connection is closed after this long, unless `http_options.idle_timeout`
    /// of the port says otherwise.
    public var idleTimeout: Duration
    /// Request bodies up to this size are kept so the request can be retried or replayed (`fly-replay`).
    public var replayBodyLimit: Int
    /// Idle pooled upstream connections are closed after this long.
    public var upstreamIdleTimeout: Duration
    /// The region name used in headers (`Fly-Region`, the `Fly-Request-Id` suffix).
    public var region: String
    /// Event loops (threads); one per core by default.
    public var threads: Int

    public init(
        bindHost: String = "0.0.0.0", portOffset: Int = 0, portMap: [String: [Int: Int]] = [:],
        hostnames: [String: String] = [:], queueTimeout: Duration = .seconds(5), wakeTimeout: Duration = .seconds(60),
        retries: Int = 3, connectTimeout: Duration = .seconds(5), maxRequestLineBytes: Int = 8192,
        maxHeaderBytes: Int = 64 * 1024, maxHeaderCount: Int = 100, headerReadTimeout: Duration = .seconds(10),
        idleTimeout: Duration = .seconds(60), replayBodyLimit: Int = 1024 * 1024,
        upstreamIdleTimeout: Duration = .seconds(4), region: String = "local", threads: Int = 0
    ) {
        self.bindHost = bindHost
        self.portOffset = portOffset
        self.portMap = portMap
        self.hostnames = hostnames
        self.queueTimeout = queueTimeout
        self.wakeTimeout = wakeTimeout
        self.retries = retries
        self.connectTimeout = connectTimeout
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.headerReadTimeout = headerReadTimeout
        self.idleTimeout = idleTimeout
        self.replayBodyLimit = replayBodyLimit
        self.upstreamIdleTimeout = upstreamIdleTimeout
        self.region = region
        self.threads = threads
    }

    /// The local port an app's public port listens on.
    public func localPort(app: String, publicPort: Int) -> Int {
        portMap[app]?[publicPort] ?? publicPort + portOffset
    }
}
