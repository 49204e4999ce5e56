/// `[checks.<name>]` (spec §5.7): a Machine-level health check. Bare numbers for the durations are
/// milliseconds (normalisation).
public struct TopLevelCheck: Sendable, Equatable, Codable {
    /// Required; exactly `http` or `tcp` (validated by rules).
    public var type: String?
    /// Defaults to the group's `http_service.internal_port` (see `AppConfig.checks(for:)`).
    public var port: Int?
    public var interval: FlyDuration?
    public var timeout: FlyDuration?
    public var gracePeriod: FlyDuration?
    /// Upper-cased before sending.
    public var method: String?
    public var path: String?
    public var `protocol`: String?
    public var tlsSkipVerify: Bool?
    public var tlsServerName: String?
    public var headers: [String: String]?
    public var processes: [String]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case type, port, interval, timeout
        case gracePeriod = "grace_period"
        case method, path
        case `protocol`
        case tlsSkipVerify = "tls_skip_verify"
        case tlsServerName = "tls_server_name"
        case headers, processes
    }
}
