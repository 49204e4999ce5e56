/// `[[services.ports]]`: one public port (or range) of a service.
public struct ServicePort: Sendable, Equatable, Codable {
    /// Legacy numeric strings and floats are coerced to integers by normalisation.
    public var port: Int?
    public var startPort: Int?
    public var endPort: Int?
    /// `http`, `tls`, `pg_tls`, `proxy_proto` (schema: also `edge_http`); empty = raw TCP.
    public var handlers: [String]?
    public var forceHTTPS: Bool?
    public var tlsOptions: TLSOptions?
    public var httpOptions: HTTPOptions?
    public var proxyProtoOptions: ProxyProtoOptions?

    public init() {}

    public init(port: Int?, handlers: [String]?) {
        self.port = port
        self.handlers = handlers
    }

    enum CodingKeys: String, CodingKey {
        case port
        case startPort = "start_port"
        case endPort = "end_port"
        case handlers
        case forceHTTPS = "force_https"
        case tlsOptions = "tls_options"
        case httpOptions = "http_options"
        case proxyProtoOptions = "proxy_proto_options"
    }
}
