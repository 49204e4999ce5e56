import FlyConfig

/// One service of a Machine: where the edge listens and how it reaches the app.
public struct ServiceSpec: Sendable, Equatable, Codable {
    /// `tcp` or `udp`.
    public var `protocol`: String
    public var internalPort: Int
    public var ports: [PortSpec]
    public var concurrency: ConcurrencySpec
    /// Unset means off (Fly's platform default).
    public var autoStop: AutoStop
    /// Unset means on (the proxy starts stopped Machines on demand).
    public var autoStart: Bool
    public var minMachinesRunning: Int
    /// The service's own checks: tcp checks, then http checks, in file order.
    public var checks: [CheckSpec]
    /// `http_service` or `services[i]`, for messages.
    public var source: String

    public init(
        protocol: String, internalPort: Int, ports: [PortSpec], concurrency: ConcurrencySpec,
        autoStop: AutoStop, autoStart: Bool, minMachinesRunning: Int, checks: [CheckSpec], source: String
    ) {
        self.protocol = `protocol`
        self.internalPort = internalPort
        self.ports = ports
        self.concurrency = concurrency
        self.autoStop = autoStop
        self.autoStart = autoStart
        self.minMachinesRunning = minMachinesRunning
        self.checks = checks
        self.source = source
    }

    init(_ service: Service) {
        let port = service.internalPort ?? 0
        var checks = (service.tcpChecks ?? []).map { CheckSpec.tcp($0, port: port) }
        checks += (service.httpChecks ?? []).map { CheckSpec.http($0, port: port) }
        self.init(
            protocol: service.protocol ?? "tcp", internalPort: port,
            ports: (service.ports ?? []).map(PortSpec.init),
            concurrency: ConcurrencySpec(service.concurrency),
            autoStop: service.autoStopMachines ?? .off, autoStart: service.autoStartMachines ?? true,
            minMachinesRunning: service.minMachinesRunning ?? 0, checks: checks, source: service.configPath)
    }
}

/// A public port (or inclusive range) of a service and its edge handlers.
public struct PortSpec: Sendable, Equatable, Codable {
    public var start: Int
    public var end: Int
    public var handlers: [String]
    public var forceHTTPS: Bool
    public var tlsOptions: TLSOptions?
    public var httpOptions: HTTPOptions?
    public var proxyProtoOptions: ProxyProtoOptions?

    public init(
        start: Int, end: Int, handlers: [String], forceHTTPS: Bool = false,
        tlsOptions: TLSOptions? = nil, httpOptions: HTTPOptions? = nil, proxyProtoOptions: ProxyProtoOptions? = nil
    ) {
        self.start = start
        self.end = end
        self.handlers = handlers
        self.forceHTTPS = forceHTTPS
        self.tlsOptions = tlsOptions
        self.httpOptions = httpOptions
        self.proxyProtoOptions = proxyProtoOptions
    }

    init(_ port: ServicePort) {
        let start = port.port ?? port.startPort ?? 0
        self.init(
            start: start, end: port.port ?? port.endPort ?? start, handlers: port.handlers ?? [],
            forceHTTPS: port.forceHTTPS ?? false, tlsOptions: port.tlsOptions, httpOptions: port.httpOptions,
            proxyProtoOptions: port.proxyProtoOptions)
    }

    /// A single port (not a range).
    public var single: Int? { start == end ? start : nil }
}

/// How the edge counts load on a Machine, with Fly's defaults (connections, soft 20, no hard limit).
public struct ConcurrencySpec: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case connections, requests }

    public var kind: Kind
    public var softLimit: Int
    public var hardLimit: Int?

    public static let defaultSoftLimit = 20

    public init(kind: Kind = .connections, softLimit: Int = ConcurrencySpec.defaultSoftLimit, hardLimit: Int? = nil) {
        self.kind = kind
        self.softLimit = softLimit
        self.hardLimit = hardLimit
    }

    init(_ concurrency: Concurrency?) {
        self.init(
            kind: concurrency?.type == "requests" ? .requests : .connections,
            softLimit: concurrency?.softLimit ?? Self.defaultSoftLimit, hardLimit: concurrency?.hardLimit)
    }
}
