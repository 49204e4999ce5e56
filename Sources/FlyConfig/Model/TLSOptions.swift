/// `tls_options` of a port (or of `http_service`, applied to 443).
public struct TLSOptions: Sendable, Equatable, Codable {
    public var alpn: [String]?
    public var versions: [String]?
    public var defaultSelfSigned: Bool?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case alpn, versions
        case defaultSelfSigned = "default_self_signed"
    }
}

/// `proxy_proto_options` of a port.
public struct ProxyProtoOptions: Sendable, Equatable, Codable {
    /// `v1` (default) or `v2`.
    public var version: String?

    public init(version: String? = nil) {
        self.version = version
    }
}
