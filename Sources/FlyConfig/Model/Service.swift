/// `[[services]]` (spec §5.6). Also the expanded form of `[http_service]` (see
/// `HTTPService.asService()`), which is why `origin` exists.
public struct Service: Sendable, Equatable, Codable {
    /// Where a service in a group's list comes from.
    public enum Origin: String, Sendable, Hashable, Codable {
        /// `[http_service]`, expanded.
        case httpService = "http_service"
        /// An entry of `[[services]]`.
        case services
    }

    /// `tcp` or `udp` (not validated by flyctl).
    public var `protocol`: String?
    public var internalPort: Int?
    public var autoStopMachines: AutoStop?
    public var autoStartMachines: Bool?
    public var minMachinesRunning: Int?
    public var ports: [ServicePort]?
    public var concurrency: Concurrency?
    public var tcpChecks: [ServiceTCPCheck]?
    public var httpChecks: [ServiceHTTPCheck]?
    public var machineChecks: [MachineCheck]?
    public var processes: [String]?

    /// `services` for `[[services]]` entries; `http_service` for the expansion. Not part of JSON.
    public var origin: Origin = .services
    /// Index in `[[services]]` (nil for the http_service expansion). Not part of JSON.
    public var index: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case `protocol`
        case internalPort = "internal_port"
        case autoStopMachines = "auto_stop_machines"
        case autoStartMachines = "auto_start_machines"
        case minMachinesRunning = "min_machines_running"
        case ports, concurrency
        case tcpChecks = "tcp_checks"
        case httpChecks = "http_checks"
        case machineChecks = "machine_checks"
        case processes
    }

    /// The config path of this service (`http_service` or `services[i]`).
    public var configPath: String {
        switch origin {
        case .httpService: "http_service"
        case .services: "services[\(index ?? 0)]"
        }
    }
}
