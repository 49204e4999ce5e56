/// `http_options` of a port (or of `http_service`, applied to 80 and 443).
public struct HTTPOptions: Sendable, Equatable, Codable {
    public var compress: Bool?
    public var h2Backend: Bool?
    /// Seconds (unsigned 32-bit).
    public var idleTimeout: UInt32?
    public var headersReadTimeout: UInt32?
    public var response: HTTPResponseOptions?
    public var replayCache: [ReplayCache]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case compress
        case h2Backend = "h2_backend"
        case idleTimeout = "idle_timeout"
        case headersReadTimeout = "headers_read_timeout"
        case response
        case replayCache = "replay_cache"
    }
}

/// `http_options.response`.
public struct HTTPResponseOptions: Sendable, Equatable, Codable {
    /// Don't add `Server`, `Via`, `Fly-Request-Id`, `Fly-Cache-Status`.
    public var pristine: Bool?
    /// Header name → `false` (remove), a string (set) or a list (multi-value).
    public var headers: [String: HeaderValue]?

    public init() {}
}

/// A response header setting.
public enum HeaderValue: Sendable, Hashable, Codable {
    /// `false` removes the header (`true` is kept as written; the platform decides).
    case flag(Bool)
    case value(String)
    case values([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) {
            self = .flag(b)
        } else if let s = try? container.decode(String.self) {
            self = .value(s)
        } else {
            self = .values(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .flag(let b): try container.encode(b)
        case .value(let s): try container.encode(s)
        case .values(let list): try container.encode(list)
        }
    }
}

/// `[[http_options.replay_cache]]`.
public struct ReplayCache: Sendable, Equatable, Codable {
    public var pathPrefix: String?
    /// Docs: minimum 10.
    public var ttlSeconds: Int?
    /// `cookie` or `header`.
    public var type: String?
    public var name: String?
    public var allowBypass: Bool?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case pathPrefix = "path_prefix"
        case ttlSeconds = "ttl_seconds"
        case type, name
        case allowBypass = "allow_bypass"
    }
}
