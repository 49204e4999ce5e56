/// `[[metrics]]` (spec §5.15; legacy `[metric]`, `[metrics]` and `experimental.metrics_port/path`
/// are normalised to this).
public struct Metrics: Sendable, Equatable, Codable {
    public var port: Int?
    public var path: String?
    public var https: Bool?
    public var processes: [String]?

    public init(port: Int? = nil, path: String? = nil, https: Bool? = nil, processes: [String]? = nil) {
        self.port = port
        self.path = path
        self.https = https
        self.processes = processes
    }
}
