/// `[[services.tcp_checks]]`. Bare numbers in fly.toml are milliseconds (normalisation).
public struct ServiceTCPCheck: Sendable, Equatable, Codable {
    public var interval: FlyDuration?
    public var timeout: FlyDuration?
    public var gracePeriod: FlyDuration?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case interval, timeout
        case gracePeriod = "grace_period"
    }
}

/// `[[services.http_checks]]` and `[[http_service.checks]]`.
///
/// Service checks get the legacy coercions (ms numbers, header lists); `http_service.checks` do not
/// (a bare number there is nanoseconds, as in flyctl).
public struct ServiceHTTPCheck: Sendable, Equatable, Codable {
    public var interval: FlyDuration?
    public var timeout: FlyDuration?
    public var gracePeriod: FlyDuration?
    /// Sent as written (not upper-cased).
    public var method: String?
    public var path: String?
    /// `http` (default) or `https`.
    public var `protocol`: String?
    public var tlsSkipVerify: Bool?
    public var tlsServerName: String?
    public var headers: [String: String]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case interval, timeout
        case gracePeriod = "grace_period"
        case method, path
        case `protocol`
        case tlsSkipVerify = "tls_skip_verify"
        case tlsServerName = "tls_server_name"
        case headers
    }
}

/// `[[machine_checks]]`, `[[http_service.machine_checks]]`, `[[services.machine_checks]]`:
/// deploy-time test Machines (spec §5.8).
public struct MachineCheck: Sendable, Equatable, Codable {
    /// Required at run time.
    public var command: [String]?
    public var image: String?
    public var entrypoint: [String]?
    public var killSignal: String?
    public var killTimeout: FlyDuration?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case command, image, entrypoint
        case killSignal = "kill_signal"
        case killTimeout = "kill_timeout"
    }
}
