import HangarCore

/// What the daemon's API (and tests) can ask of the runtime. The `Supervisor` implements it; the
/// API layer (HangarAPI) turns HTTP requests into these calls and their values into JSON. Values
/// only cross this boundary, never references to runtime state.
public protocol RuntimeControl: Sendable {
    /// Registers or updates the app from its fly.toml and makes the machines match the plan.
    /// Returns once every machine is started and its checks pass, or throws with the reason when
    /// they do not within `request.waitTimeoutSeconds`.
    func up(_ request: UpRequest) async throws(ControlError) -> AppStatus
    /// Stops every machine of the app gracefully (kill_signal, then SIGKILL after kill_timeout).
    /// Keeps machines, volumes, secrets and scale.
    func down(app: String) async throws(ControlError) -> AppStatus
    func status(app: String) async throws(ControlError) -> AppStatus
    func apps() async -> [AppSummary]

    func machineAction(app: String, machine: String, action: MachineAction) async throws(ControlError) -> MachineStatus
    /// Persists the counts and reconciles.
    func scale(app: String, counts: [String: Int]) async throws(ControlError) -> AppStatus

    func setSecrets(app: String, values: [String: String]) async throws(ControlError) -> [SecretSummary]
    func unsetSecrets(app: String, names: [String]) async throws(ControlError) -> [SecretSummary]
    func secrets(app: String) async throws(ControlError) -> [SecretSummary]
    /// Sets and unsets secrets; unless `stage`, rolls the running machines so they see the change.
    func updateSecrets(app: String, set values: [String: String], unset names: [String], stage: Bool)
        async throws(ControlError) -> SecretsUpdate
    /// Applies staged secrets (marks them deployed and rolls the machines).
    func deploySecrets(app: String) async throws(ControlError) -> SecretsUpdate
    /// The secrets with `updatedAt` and `staged`.
    func stagedSecrets(app: String) async throws(ControlError) -> [SecretSummary]

    func createVolume(app: String, name: String, sizeGB: Int) async throws(ControlError) -> VolumeSummary
    func volumes(app: String) async throws(ControlError) -> [VolumeSummary]
    /// Grows the volume (never shrinks it) and its filesystem when it is image-backed.
    func extendVolume(app: String, volume: String, sizeGB: Int) async throws(ControlError) -> VolumeSummary
    /// Removes the volume with its data, image and snapshots. Refused while a machine that is not
    /// destroyed has it.
    func destroyVolume(app: String, volume: String) async throws(ControlError) -> VolumeSummary
    /// A point-in-time copy of the volume under `<home>/snapshots/<volume id>/<snapshot id>`.
    func createSnapshot(app: String, volume: String) async throws(ControlError) -> SnapshotSummary
    func snapshots(app: String, volume: String) async throws(ControlError) -> [SnapshotSummary]
    /// A new unattached volume (named `name`, else like the source) holding a copy of the data.
    func forkVolume(app: String, volume: String, name: String?) async throws(ControlError) -> VolumeSummary

    /// The last `tail` log lines of the app (optionally one machine or group), oldest first.
    func logs(_ query: LogQuery) async throws(ControlError) -> [LogEntry]
    /// New log lines as they are written, until the caller stops iterating.
    func followLogs(_ query: LogQuery) async throws(ControlError) -> AsyncStream<LogEntry>
    func events(app: String, machine: String?, limit: Int) async throws(ControlError) -> [EventSummary]
}

/// How machines are isolated on this host.
public enum RuntimeMode: String, Sendable, Codable, CaseIterable {
    /// Own network namespace, address, mount namespace and cgroup per machine (needs root).
    case isolated
    /// Host network, a `$PORT` per machine, no limits (no privileges needed).
    case shared
    /// `isolated` when available, else `shared`.
    case auto
}

public struct UpRequest: Sendable, Codable, Equatable {
    /// Absolute path of the fly.toml.
    public var configPath: String
    /// Overrides `app` in the file (flyctl's `-a`).
    public var appName: String?
    public var mode: RuntimeMode
    public var waitTimeoutSeconds: Int
    /// `--restart-unhealthy` (true) or `--no-restart-unhealthy` (false); nil keeps what the app has.
    public var restartUnhealthy: Bool?

    public init(
        configPath: String, appName: String? = nil, mode: RuntimeMode = .auto, waitTimeoutSeconds: Int = 300,
        restartUnhealthy: Bool? = nil
    ) {
        self.configPath = configPath
        self.appName = appName
        self.mode = mode
        self.waitTimeoutSeconds = waitTimeoutSeconds
        self.restartUnhealthy = restartUnhealthy
    }
}

public enum MachineAction: String, Sendable, Codable, CaseIterable {
    case start, stop, restart, destroy, suspend
}

/// An error for the API and CLI: a kind that maps to an HTTP status and an exit code, and a message
/// that says what to do.
public struct ControlError: Error, Sendable, Codable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// 400, exit 2: the request itself is wrong.
        case invalid
        /// 404, exit 1.
        case notFound = "not_found"
        /// 409, exit 1: refused in the current state.
        case conflict
        /// 422, exit 1: the config does not validate (the message lists the errors).
        case invalidConfig = "invalid_config"
        /// 504, exit 1: machines did not become healthy in time.
        case timeout
        /// 500, exit 1.
        case failed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

public struct AppSummary: Sendable, Codable, Equatable {
    public var name: String
    public var configPath: String
    public var machines: Int
    public var started: Int

    public init(name: String, configPath: String, machines: Int, started: Int) {
        self.name = name
        self.configPath = configPath
        self.machines = machines
        self.started = started
    }
}

public struct AppStatus: Sendable, Codable, Equatable {
    public var app: String
    public var mode: RuntimeMode
    public var machines: [MachineStatus]
    /// Notes for the user (what the mode cannot honour, volumes created, ...).
    public var notes: [String]
    /// The release the app runs (the newest complete one), if it has any.
    public var release: ReleaseSummary?
    /// The deploy under way, if any, with its current step.
    public var deploy: DeploySummary?

    public init(app: String, mode: RuntimeMode, machines: [MachineStatus], notes: [String] = []) {
        self.app = app
        self.mode = mode
        self.machines = machines
        self.notes = notes
    }
}

/// One machine as `hangar status` shows it (flyctl's columns: PROCESS, ID, VERSION, REGION, STATE,
/// CHECKS, LAST UPDATED).
public struct MachineStatus: Sendable, Codable, Equatable {
    public var id: String
    public var group: String
    public var version: String
    public var region: String
    /// Fly's state names: created, starting, started, stopping, stopped, suspended, failed, destroyed.
    public var state: String
    public var checks: [MachineCheckStatus]
    public var memoryMB: Int
    /// Where the proxy and the host reach it (`169.254.x.y` in isolated mode, `127.0.0.1` in shared).
    public var address: String?
    /// The port the app was told to use in shared mode (`$PORT`).
    public var port: Int?
    public var volume: String?
    public var updatedAt: String
    /// How it last ended (exit code, signal, out of memory, exec failure), if it has.
    public var lastExit: String?

    public init(
        id: String, group: String, version: String, region: String = "local", state: String,
        checks: [MachineCheckStatus] = [], memoryMB: Int, address: String? = nil, port: Int? = nil,
        volume: String? = nil, updatedAt: String, lastExit: String? = nil
    ) {
        self.id = id
        self.group = group
        self.version = version
        self.region = region
        self.state = state
        self.checks = checks
        self.memoryMB = memoryMB
        self.address = address
        self.port = port
        self.volume = volume
        self.updatedAt = updatedAt
        self.lastExit = lastExit
    }
}

public struct MachineCheckStatus: Sendable, Codable, Equatable {
    public var name: String
    /// passing, warning or critical.
    public var status: String
    public var output: String
    public var updatedAt: String

    public init(name: String, status: String, output: String, updatedAt: String) {
        self.name = name
        self.status = status
        self.output = output
        self.updatedAt = updatedAt
    }
}

public struct SecretSummary: Sendable, Codable, Equatable {
    public var name: String
    public var digest: String
    public var createdAt: String
    public var updatedAt: String?
    /// Set with `--stage` and not yet applied to machines.
    public var staged: Bool?

    public init(name: String, digest: String, createdAt: String, updatedAt: String? = nil, staged: Bool? = nil) {
        self.name = name
        self.digest = digest
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.staged = staged
    }
}

/// What a secrets change did: the secrets now, the names changed, and the machines restarted.
public struct SecretsUpdate: Sendable, Codable, Equatable {
    public var secrets: [SecretSummary]
    public var changed: [String]
    public var restarted: [String]

    public init(secrets: [SecretSummary], changed: [String], restarted: [String]) {
        self.secrets = secrets
        self.changed = changed
        self.restarted = restarted
    }
}

public struct VolumeSummary: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var sizeGB: Int
    public var attachedMachine: String?
    public var createdAt: String
    /// Fly's volume state: `created` for a usable volume.
    public var state: String
    /// `image` (a loop-mounted ext4 image: the size is enforced) or `directory` (not enforced).
    public var backing: String
    /// What the user should know (why the size is not enforced, a resize that waits for a remount).
    public var notes: [String]

    public init(
        id: String, name: String, sizeGB: Int, attachedMachine: String?, createdAt: String, state: String = "created",
        backing: String = "directory", notes: [String] = []
    ) {
        self.id = id
        self.name = name
        self.sizeGB = sizeGB
        self.attachedMachine = attachedMachine
        self.createdAt = createdAt
        self.state = state
        self.backing = backing
        self.notes = notes
    }
}

/// A volume snapshot as `hangar volumes snapshots list` shows it (flyctl's columns: ID, STATUS,
/// SIZE, CREATED AT).
public struct SnapshotSummary: Sendable, Codable, Equatable {
    public var id: String
    public var volume: String
    /// `created`.
    public var status: String
    /// The volume's size when it was taken.
    public var sizeGB: Int
    /// What the copy takes on the host's disk.
    public var storedBytes: Int64
    public var createdAt: String

    public init(id: String, volume: String, status: String = "created", sizeGB: Int, storedBytes: Int64, createdAt: String) {
        self.id = id
        self.volume = volume
        self.status = status
        self.sizeGB = sizeGB
        self.storedBytes = storedBytes
        self.createdAt = createdAt
    }
}

public struct LogQuery: Sendable, Codable, Equatable {
    public var app: String
    public var machine: String?
    public var group: String?
    public var tail: Int

    public init(app: String, machine: String? = nil, group: String? = nil, tail: Int = 100) {
        self.app = app
        self.machine = machine
        self.group = group
        self.tail = tail
    }
}

/// One log line in Fly's fields; the CLI prints `<timestamp> <source>[<machine>] <region> [<level>] <message>`.
public struct LogEntry: Sendable, Codable, Equatable {
    public var timestamp: String
    public var source: String
    public var machine: String
    public var group: String
    public var region: String
    public var level: String
    public var message: String

    public init(timestamp: String, source: String, machine: String, group: String, region: String = "local", level: String = "info", message: String) {
        self.timestamp = timestamp
        self.source = source
        self.machine = machine
        self.group = group
        self.region = region
        self.level = level
        self.message = message
    }
}

public struct EventSummary: Sendable, Codable, Equatable {
    public var machine: String
    public var type: String
    public var status: String
    public var source: String
    public var timestamp: String
    public var detail: String?

    public init(machine: String, type: String, status: String, source: String, timestamp: String, detail: String? = nil) {
        self.machine = machine
        self.type = type
        self.status = status
        self.source = source
        self.timestamp = timestamp
        self.detail = detail
    }
}
