import FlyConfig

/// Everything needed to run one Machine of a process group. Identical for every Machine of the
/// group; the runtime adds per-Machine identity (id, address, `FLY_MACHINE_ID`, ...).
public struct MachineSpec: Sendable, Equatable, Codable {
    public var app: String
    public var group: String
    /// The argv to run (entrypoint + command, or `experimental.exec`).
    public var command: [String]
    /// Where the command came from, for messages (`[processes] web`, `Dockerfile CMD`, ...).
    public var commandSource: String
    /// `[env]` plus `FLY_PROCESS_GROUP` and `PRIMARY_REGION` (flyctl's rules). Secrets are applied on
    /// top by the runtime, so they win.
    public var env: [String: String]
    /// Names of the app's secrets (values never enter a plan).
    public var secretNames: [String]
    public var guest: Guest
    public var mount: MountSpec?
    public var services: [ServiceSpec]
    /// Top-level `[checks]` that apply to the group (the services carry their own).
    public var checks: [CheckSpec]
    public var restart: RestartSpec
    public var stop: StopSpec
    public var metrics: Metrics?
    public var files: [File]
    public var statics: [Static]
    public var swapSizeMB: Int?
    public var primaryRegion: String?

    /// Every check of the Machine: service checks first, then top-level ones.
    public var allChecks: [CheckSpec] { services.flatMap(\.checks) + checks }
}

/// The volume a Machine mounts.
public struct MountSpec: Sendable, Equatable, Codable {
    /// The volume name (`source`).
    public var volume: String
    public var destination: String
    /// Size for new volumes, in GB (1000-based, as Fly counts them). Default 1.
    public var initialSizeGB: Int

    public init(volume: String, destination: String, initialSizeGB: Int) {
        self.volume = volume
        self.destination = destination
        self.initialSizeGB = initialSizeGB
    }
}

/// `[[restart]]` for the group, or Fly's default (`on-failure`, 10 retries in 5 minutes).
public struct RestartSpec: Sendable, Equatable, Codable {
    public enum Policy: String, Sendable, Codable {
        case always
        case never
        case onFailure = "on-failure"
    }

    public var policy: Policy
    public var maxRetries: Int

    public static let defaultMaxRetries = 10
    /// The window the retry budget counts in.
    public static let retryWindow = FlyDuration.seconds(300)

    public init(policy: Policy = .onFailure, maxRetries: Int = RestartSpec.defaultMaxRetries) {
        self.policy = policy
        self.maxRetries = maxRetries
    }
}

/// How a Machine is stopped: `kill_signal`, then SIGKILL after `kill_timeout`.
public struct StopSpec: Sendable, Equatable, Codable {
    public var signal: String
    public var timeout: FlyDuration

    /// Fly's configuration reference and `fly machine stop` use SIGINT.
    public static let defaultSignal = "SIGINT"
    public static let defaultTimeout = FlyDuration.seconds(5)

    public init(signal: String = StopSpec.defaultSignal, timeout: FlyDuration = StopSpec.defaultTimeout) {
        self.signal = signal
        self.timeout = timeout
    }
}

extension MachineSpec {
    /// `commandSource` of a group planned with `requireCommand: false` and no command anywhere:
    /// the image's own ENTRYPOINT and CMD run.
    public static let imageCommandSource = "image"
}
