/// Everything the launcher needs to start one Machine as a process tree. A value: the supervisor
/// builds it from a `MachineSpec` plus the Machine's identity, address, volume and secrets.
public struct LaunchSpec: Sendable, Equatable {
    /// The Machine id. It names the cgroup and, in isolated mode, is the hostname.
    public var id: String
    /// The command, `argv[0]` searched in the `PATH` of `env`.
    public var argv: [String]
    /// The app's whole environment (nothing is inherited from the launcher).
    public var env: [String: String]
    public var workingDirectory: String
    public var mode: IsolationMode
    public var resources: ResourceLimits
    public var volume: VolumeMount?
    /// Extra `/etc/hosts` lines (isolated mode); localhost and the Machine's own name are added.
    public var hosts: [HostsEntry]
    /// A directory owned by the launcher for this Machine: the hosts file and the exit record live here.
    public var runDirectory: String
    public var stdout: LogTarget
    public var stderr: LogTarget
    /// The binary that runs the machine init (`<binary> _machine-init ID`). Any binary linking
    /// HangarRuntime can: the init runs from a constructor before `main`.
    public var initExecutable: String
    /// How limits are enforced; nil detects the best this host offers (`ResourceLimiter.detect()`).
    public var limiter: ResourceLimiter?

    public init(
        id: String, argv: [String], env: [String: String] = [:], workingDirectory: String,
        mode: IsolationMode, resources: ResourceLimits = ResourceLimits(), volume: VolumeMount? = nil,
        hosts: [HostsEntry] = [], runDirectory: String, stdout: LogTarget = .null, stderr: LogTarget = .null,
        initExecutable: String = "/proc/self/exe", limiter: ResourceLimiter? = nil
    ) {
        self.id = id
        self.argv = argv
        self.env = env
        self.workingDirectory = workingDirectory
        self.mode = mode
        self.resources = resources
        self.volume = volume
        self.hosts = hosts
        self.runDirectory = runDirectory
        self.stdout = stdout
        self.stderr = stderr
        self.initExecutable = initExecutable
        self.limiter = limiter
    }
}

/// How a Machine is separated from the host and its neighbours.
public enum IsolationMode: Sendable, Equatable {
    /// Own network, mount, PID, UTS and IPC namespaces; reachable at `address`. Needs root.
    case isolated(MachineAddress)
    /// The host's namespaces; the app is told to listen on `port` through `$PORT`.
    case shared(port: Int)

    public var isIsolated: Bool {
        if case .isolated = self { return true }
        return false
    }
}

/// A volume directory on the host, bind-mounted at `destination` inside the Machine.
public struct VolumeMount: Sendable, Equatable {
    public var source: String
    public var destination: String

    public init(source: String, destination: String) {
        self.source = source
        self.destination = destination
    }
}

/// One `/etc/hosts` line.
public struct HostsEntry: Sendable, Equatable {
    public var address: String
    public var names: [String]

    public init(address: String, names: [String]) {
        self.address = address
        self.names = names
    }
}

/// Where the app's stdout or stderr goes.
public enum LogTarget: Sendable, Equatable {
    /// `/dev/null`.
    case null
    /// A file, appended to (created with mode 0640).
    case file(path: String)
    /// A descriptor the caller keeps owning, for example the write end of a log pipe.
    case descriptor(Int32)
}

/// Fly's CPU kinds.
public enum CPUKind: String, Sendable, Equatable, Codable {
    case shared
    case performance
}

/// `[[vm]]` limits of one Machine.
public struct ResourceLimits: Sendable, Equatable {
    /// Memory in MiB (Fly's `memory` is MiB); nil for no limit.
    public var memoryMB: Int?
    public var cpus: Int
    public var cpuKind: CPUKind
    /// Without any writable cgroup, cap the address space (RLIMIT_AS) at the memory size. Off by
    /// default: runtimes that reserve large address ranges (V8, the JVM, Go) fail under it.
    public var addressSpaceFallback: Bool

    public init(memoryMB: Int? = nil, cpus: Int = 1, cpuKind: CPUKind = .shared, addressSpaceFallback: Bool = false) {
        self.memoryMB = memoryMB
        self.cpus = cpus
        self.cpuKind = cpuKind
        self.addressSpaceFallback = addressSpaceFallback
    }

    public var memoryBytes: UInt64? {
        guard let memoryMB, memoryMB > 0 else { return nil }
        return UInt64(memoryMB) * 1024 * 1024
    }

    /// The CFS period (µs) for CPU quotas.
    public static let cpuPeriod = 100_000

    /// Quota per period: never more cores than the Machine's vCPUs.
    public var cpuQuota: Int { max(1, cpus) * ResourceLimits.cpuPeriod }

    /// v1 `cpu.shares`: a performance vCPU weighs 16 shared ones (Fly's shared vCPU is a 1/16
    /// baseline that may burst), so shared Machines burst freely on an idle host and yield under load.
    public var cpuShares: Int {
        let perCPU = cpuKind == .performance ? 1024 : 64
        return max(2, max(1, cpus) * perCPU)
    }

    /// v2 `cpu.weight` (1...10000) with the same proportions as `cpuShares`.
    public var cpuWeight: Int { min(10_000, max(1, cpuShares * 100 / 1024)) }
}
