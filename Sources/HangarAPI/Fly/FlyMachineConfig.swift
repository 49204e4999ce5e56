import HangarCore
import HangarRuntime

/// Fly's `api.MachineConfig`, for what Hangar has: image, env, guest, services, checks, mounts,
/// restart, stop_config, init and metadata (`fly_process_group`, `fly_release_version`,
/// `fly_platform_version`).
public struct FlyMachineConfig: Sendable, Codable, Equatable {
    public var image: String
    public var env: [String: String]?
    public var guest: FlyGuest?
    public var size: String?
    public var services: [FlyService]?
    public var checks: [String: FlyCheck]?
    public var mounts: [FlyMount]?
    public var restart: FlyRestart?
    public var stopConfig: FlyStopConfig?
    public var initConfig: FlyInit?
    public var metadata: [String: String]?

    enum CodingKeys: String, CodingKey {
        case image, env, guest, size, services, checks, mounts, restart, metadata
        case stopConfig = "stop_config"
        case initConfig = "init"
    }

    init(app: String, status: MachineStatus, spec: MachineSpec?) {
        image = "local/\(app):local"
        var metadata = ["fly_process_group": status.group, "fly_release_version": status.version, "fly_platform_version": "v2"]
        if let port = status.port { metadata["hangar_port"] = String(port) }
        if let exit = status.lastExit { metadata["hangar_last_exit"] = exit }
        self.metadata = metadata
        if let volume = status.volume { mounts = [FlyMount(volume: volume, path: spec?.mount?.destination ?? "", name: spec?.mount?.volume)] }
        guard let spec else {
            guest = FlyGuest(cpuKind: nil, cpus: nil, memoryMB: status.memoryMB)
            return
        }
        env = spec.env
        guest = FlyGuest(cpuKind: spec.guest.cpuKind, cpus: spec.guest.cpus, memoryMB: spec.guest.memoryMB)
        services = spec.services.map(FlyService.init)
        let top = spec.checks.map { ($0.name, FlyCheck($0)) }
        checks = top.isEmpty ? nil : Dictionary(top, uniquingKeysWith: { first, _ in first })
        restart = FlyRestart(policy: spec.restart.policy == .never ? "no" : spec.restart.policy.rawValue, maxRetries: spec.restart.maxRetries)
        stopConfig = FlyStopConfig(signal: spec.stop.signal, timeout: spec.stop.timeout.description)
        initConfig = spec.command.isEmpty ? nil : FlyInit(cmd: spec.command)
    }
}

/// Fly's `api.MachineGuest`.
public struct FlyGuest: Sendable, Codable, Equatable {
    public var cpuKind: String?
    public var cpus: Int?
    public var memoryMB: Int?

    enum CodingKeys: String, CodingKey {
        case cpus
        case cpuKind = "cpu_kind"
        case memoryMB = "memory_mb"
    }
}

/// Fly's `api.MachineMount`.
public struct FlyMount: Sendable, Codable, Equatable {
    public var volume: String
    public var path: String
    public var name: String?
}

/// Fly's `api.MachineRestart`.
public struct FlyRestart: Sendable, Codable, Equatable {
    public var policy: String
    public var maxRetries: Int

    enum CodingKeys: String, CodingKey {
        case policy
        case maxRetries = "max_retries"
    }
}

/// Fly's `api.StopConfig`.
public struct FlyStopConfig: Sendable, Codable, Equatable {
    public var signal: String
    public var timeout: String
}

/// Fly's `api.MachineInit` (Hangar fills `cmd` with the resolved command).
public struct FlyInit: Sendable, Codable, Equatable {
    public var cmd: [String]
}

/// Fly's `api.MachineService`.
public struct FlyService: Sendable, Codable, Equatable {
    public var `protocol`: String
    public var internalPort: Int
    public var ports: [FlyPort]
    public var autostop: Bool
    public var autostart: Bool
    public var minMachinesRunning: Int
    public var concurrency: FlyConcurrency
    public var checks: [FlyCheck]

    enum CodingKeys: String, CodingKey {
        case `protocol`, ports, autostop, autostart, concurrency, checks
        case internalPort = "internal_port"
        case minMachinesRunning = "min_machines_running"
    }

    init(_ spec: ServiceSpec) {
        `protocol` = spec.protocol
        internalPort = spec.internalPort
        ports = spec.ports.map { port in
            FlyPort(
                port: port.single, startPort: port.single == nil ? port.start : nil,
                endPort: port.single == nil ? port.end : nil, handlers: port.handlers, forceHTTPS: port.forceHTTPS)
        }
        autostop = spec.autoStop != .off
        autostart = spec.autoStart
        minMachinesRunning = spec.minMachinesRunning
        concurrency = FlyConcurrency(type: spec.concurrency.kind.rawValue, softLimit: spec.concurrency.softLimit, hardLimit: spec.concurrency.hardLimit)
        checks = spec.checks.map(FlyCheck.init)
    }
}

/// Fly's `api.MachinePort`.
public struct FlyPort: Sendable, Codable, Equatable {
    public var port: Int?
    public var startPort: Int?
    public var endPort: Int?
    public var handlers: [String]
    public var forceHTTPS: Bool

    enum CodingKeys: String, CodingKey {
        case port, handlers
        case startPort = "start_port"
        case endPort = "end_port"
        case forceHTTPS = "force_https"
    }
}

/// Fly's `api.MachineServiceConcurrency`.
public struct FlyConcurrency: Sendable, Codable, Equatable {
    public var type: String
    public var softLimit: Int
    public var hardLimit: Int?

    enum CodingKeys: String, CodingKey {
        case type
        case softLimit = "soft_limit"
        case hardLimit = "hard_limit"
    }
}

/// Fly's `api.MachineCheck`.
public struct FlyCheck: Sendable, Codable, Equatable {
    public var type: String
    public var port: Int
    public var interval: String
    public var timeout: String
    public var gracePeriod: String
    public var method: String?
    public var path: String?
    public var `protocol`: String?

    enum CodingKeys: String, CodingKey {
        case type, port, interval, timeout, method, path, `protocol`
        case gracePeriod = "grace_period"
    }

    init(_ spec: CheckSpec) {
        type = spec.kind.rawValue
        port = spec.port
        interval = spec.interval.description
        timeout = spec.timeout.description
        gracePeriod = spec.gracePeriod.description
        method = spec.method
        path = spec.path
        `protocol` = spec.scheme
    }
}
