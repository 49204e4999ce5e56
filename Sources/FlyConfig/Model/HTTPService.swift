/// `[http_service]` (spec §5.5): one TCP service exposing HTTP on 80 and HTTPS on 443.
public struct HTTPService: Sendable, Equatable, Codable {
    /// Integer only (no legacy coercion); flyctl applies no default.
    public var internalPort: Int?
    public var forceHTTPS: Bool?
    public var autoStopMachines: AutoStop?
    public var autoStartMachines: Bool?
    public var minMachinesRunning: Int?
    public var processes: [String]?
    public var concurrency: Concurrency?
    /// Applied to the 443 port only.
    public var tlsOptions: TLSOptions?
    /// Applied to both ports.
    public var httpOptions: HTTPOptions?
    public var checks: [ServiceHTTPCheck]?
    public var machineChecks: [MachineCheck]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case internalPort = "internal_port"
        case forceHTTPS = "force_https"
        case autoStopMachines = "auto_stop_machines"
        case autoStartMachines = "auto_start_machines"
        case minMachinesRunning = "min_machines_running"
        case processes, concurrency
        case tlsOptions = "tls_options"
        case httpOptions = "http_options"
        case checks
        case machineChecks = "machine_checks"
    }

    /// flyctl's exact expansion: protocol `tcp`; port 80 `[http]` with force_https and http_options;
    /// port 443 `[http, tls]` with http_options and tls_options; the rest passed through.
    public func asService() -> Service {
        var service = Service()
        service.origin = .httpService
        service.protocol = "tcp"
        service.internalPort = internalPort
        service.concurrency = concurrency
        service.processes = processes
        service.httpChecks = checks
        service.machineChecks = machineChecks
        var http = ServicePort(port: 80, handlers: ["http"])
        http.forceHTTPS = forceHTTPS
        http.httpOptions = httpOptions
        var https = ServicePort(port: 443, handlers: ["http", "tls"])
        https.httpOptions = httpOptions
        https.tlsOptions = tlsOptions
        service.ports = [http, https]
        service.autoStopMachines = autoStopMachines
        service.autoStartMachines = autoStartMachines
        service.minMachinesRunning = minMachinesRunning
        return service
    }
}
