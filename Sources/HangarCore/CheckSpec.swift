import FlyConfig

/// A health check a Machine runs, from a service (`tcp_checks`, `http_checks`,
/// `http_service.checks`) or from top-level `[checks]`. Unset durations get Fly's documented defaults.
public struct CheckSpec: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case tcp, http }

    /// Where the check comes from: service checks gate routing; top-level checks only gate deploys.
    public enum Origin: String, Sendable, Codable { case service, topLevel = "top_level" }

    /// flyctl's display name: the top-level key, or `tcp-<port>` / `http-<port>-<METHOD>`.
    public var name: String
    public var kind: Kind
    public var origin: Origin
    public var port: Int
    public var interval: FlyDuration
    public var timeout: FlyDuration
    public var gracePeriod: FlyDuration
    /// HTTP only.
    public var method: String?
    public var path: String?
    /// `http` or `https`.
    public var scheme: String?
    public var tlsSkipVerify: Bool
    public var tlsServerName: String?
    public var headers: [String: String]

    public static let defaultInterval = FlyDuration.seconds(15)
    public static let defaultTimeout = FlyDuration.seconds(2)
    public static let defaultGracePeriod = FlyDuration.seconds(1)

    public init(
        name: String, kind: Kind, origin: Origin, port: Int,
        interval: FlyDuration? = nil, timeout: FlyDuration? = nil, gracePeriod: FlyDuration? = nil,
        method: String? = nil, path: String? = nil, scheme: String? = nil,
        tlsSkipVerify: Bool = false, tlsServerName: String? = nil, headers: [String: String] = [:]
    ) {
        self.name = name
        self.kind = kind
        self.origin = origin
        self.port = port
        self.interval = interval ?? Self.defaultInterval
        self.timeout = timeout ?? Self.defaultTimeout
        self.gracePeriod = gracePeriod ?? Self.defaultGracePeriod
        self.method = method
        self.path = path
        self.scheme = scheme
        self.tlsSkipVerify = tlsSkipVerify
        self.tlsServerName = tlsServerName
        self.headers = headers
    }

    static func tcp(_ check: ServiceTCPCheck, port: Int) -> CheckSpec {
        CheckSpec(
            name: "tcp-\(port)", kind: .tcp, origin: .service, port: port,
            interval: check.interval, timeout: check.timeout, gracePeriod: check.gracePeriod)
    }

    static func http(_ check: ServiceHTTPCheck, port: Int) -> CheckSpec {
        let method = (check.method?.isEmpty == false ? check.method : nil) ?? "GET"
        return CheckSpec(
            name: "http-\(port)-\(method.uppercased())", kind: .http, origin: .service, port: port,
            interval: check.interval, timeout: check.timeout, gracePeriod: check.gracePeriod,
            method: method, path: check.path ?? "/", scheme: check.protocol ?? "http",
            tlsSkipVerify: check.tlsSkipVerify ?? false, tlsServerName: check.tlsServerName,
            headers: check.headers ?? [:])
    }

    static func topLevel(name: String, _ check: TopLevelCheck, port: Int) -> CheckSpec {
        let kind: Kind = check.type == "http" ? .http : .tcp
        let method = (check.method?.isEmpty == false ? check.method : nil)?.uppercased() ?? "GET"
        return CheckSpec(
            name: name, kind: kind, origin: .topLevel, port: port,
            interval: check.interval, timeout: check.timeout, gracePeriod: check.gracePeriod,
            method: kind == .http ? method : nil, path: kind == .http ? (check.path ?? "/") : nil,
            scheme: kind == .http ? (check.protocol ?? "http") : nil,
            tlsSkipVerify: check.tlsSkipVerify ?? false, tlsServerName: check.tlsServerName,
            headers: check.headers ?? [:])
    }
}
