/// A fly.toml after normalisation (legacy forms converted) and typed decoding.
///
/// Every property is optional: nil means the key was absent ("unset"), which is distinct from
/// `false`/`0`/empty. Key names in JSON (`Codable`) are fly.toml's current names.
public struct AppConfig: Sendable, Equatable, Codable {
    public var app: String?
    public var primaryRegion: String?
    public var killSignal: String?
    /// Bare numbers in fly.toml are seconds (normalisation).
    public var killTimeout: FlyDuration?
    public var swapSizeMB: Int?
    /// A command string (split with `CommandLineSplitter`).
    public var consoleCommand: String?
    public var hostDedicationID: String?
    /// Inline JSON (starting with `{`) or a path ending in `.json`.
    public var machineConfig: String?
    public var container: String?

    public var experimental: Experimental?
    public var build: Build?
    public var deploy: Deploy?
    /// Values are strings (non-strings were converted by normalisation).
    public var env: [String: String]?
    /// Group name → command string. Empty table = no groups (single implicit `app`).
    public var processes: [String: String]?
    public var mounts: [Mount]?
    public var httpService: HTTPService?
    public var services: [Service]?
    /// Top-level checks by name.
    public var checks: [String: TopLevelCheck]?
    public var files: [File]?
    public var machineChecks: [MachineCheck]?
    public var restart: [Restart]?
    public var vm: [VM]?
    public var statics: [Static]?
    public var metrics: [Metrics]?

    public init() {}

    public init(app: String?) {
        self.app = app
    }

    enum CodingKeys: String, CodingKey {
        case app
        case primaryRegion = "primary_region"
        case killSignal = "kill_signal"
        case killTimeout = "kill_timeout"
        case swapSizeMB = "swap_size_mb"
        case consoleCommand = "console_command"
        case hostDedicationID = "host_dedication_id"
        case machineConfig = "machine_config"
        case container
        case experimental, build, deploy, env, processes, mounts
        case httpService = "http_service"
        case services, checks, files
        case machineChecks = "machine_checks"
        case restart, vm, statics, metrics
    }

    /// Top-level checks sorted by name (deterministic iteration).
    public var sortedChecks: [(name: String, check: TopLevelCheck)] {
        (checks ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, check: $0.value) }
    }

    /// The effective `machine_config`: `experimental.machine_config` wins over the top-level key.
    public var effectiveMachineConfig: String? {
        if let value = experimental?.machineConfig, !value.isEmpty { return value }
        return machineConfig
    }
}
