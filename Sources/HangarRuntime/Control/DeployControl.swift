import HangarCore

/// Deploys, releases and rollbacks, as the daemon's API asks for them. The `Supervisor` implements
/// it; the API's deploy routes take any `RuntimeControl` that also conforms.
public protocol DeployControl: Sendable {
    /// Makes a release of the app's fly.toml and files when they changed (or of a stored release
    /// with `imageRelease`), runs its release_command, and replaces the machines per the strategy.
    /// Throws when it fails (after rolling back, unless `autoRollback` is off). With `detach`,
    /// returns once the deploy has started.
    func deploy(_ request: DeployRequest) async throws(ControlError) -> DeployResult
    /// Redeploys release `version` (the one before the current, when nil).
    func rollback(app: String, version: Int?, waitTimeoutSeconds: Int?) async throws(ControlError) -> DeployResult
    func releases(app: String) async throws(ControlError) -> [ReleaseSummary]
    func deploys(app: String) async throws(ControlError) -> [DeploySummary]
}

public struct DeployRequest: Sendable, Codable, Equatable {
    /// Absolute path of the fly.toml.
    public var configPath: String
    /// Overrides `app` in the file.
    public var appName: String?
    /// Overrides `[deploy] strategy`.
    public var strategy: DeploySpec.Strategy?
    /// Per batch: how long machines may take to start and pass their checks (default
    /// `[deploy] wait_timeout`, else 5 minutes).
    public var waitTimeoutSeconds: Int?
    /// Return once the deploy has started.
    public var detach: Bool
    /// Put the previous release back when the deploy fails (default on).
    public var autoRollback: Bool
    /// Redeploy this stored release instead of the files on disk.
    public var imageRelease: Int?
    /// Who asks (the RELEASES table's USER).
    public var user: String?

    public init(
        configPath: String, appName: String? = nil, strategy: DeploySpec.Strategy? = nil,
        waitTimeoutSeconds: Int? = nil, detach: Bool = false, autoRollback: Bool = true, imageRelease: Int? = nil,
        user: String? = nil
    ) {
        self.configPath = configPath
        self.appName = appName
        self.strategy = strategy
        self.waitTimeoutSeconds = waitTimeoutSeconds
        self.detach = detach
        self.autoRollback = autoRollback
        self.imageRelease = imageRelease
        self.user = user
    }
}

/// What a deploy did.
public struct DeployResult: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        /// Every machine runs the new release.
        case deployed
        /// Nothing changed since the current release: nothing was done.
        case unchanged
        /// `detach`: it runs in the daemon; `hangar status` shows its progress.
        case started
    }

    public var app: String
    public var outcome: Outcome
    public var release: ReleaseSummary?
    public var deploy: DeploySummary?
    public var notes: [String]
    public var status: AppStatus

    public init(
        app: String, outcome: Outcome, release: ReleaseSummary?, deploy: DeploySummary?, notes: [String],
        status: AppStatus
    ) {
        self.app = app
        self.outcome = outcome
        self.release = release
        self.deploy = deploy
        self.notes = notes
        self.status = status
    }
}

/// One release, as `hangar releases` shows it (flyctl's VERSION, STATUS, DESCRIPTION, USER, DATE).
public struct ReleaseSummary: Sendable, Codable, Equatable {
    public var version: Int
    /// pending, running, complete, failed, rolled_back.
    public var status: String
    public var description: String
    public var user: String
    public var createdAt: String
    public var digest: String

    public init(version: Int, status: String, description: String, user: String, createdAt: String, digest: String) {
        self.version = version
        self.status = status
        self.description = description
        self.user = user
        self.createdAt = createdAt
        self.digest = digest
    }
}

/// One deploy and where it stands.
public struct DeploySummary: Sendable, Codable, Equatable {
    public var id: Int64
    public var app: String
    public var release: Int
    public var previousRelease: Int?
    public var strategy: String
    /// running, rolling_back, succeeded, failed, rolled_back.
    public var status: String
    /// What it is doing now, e.g. `2/4: replace 1 machine: 3d8e...`.
    public var step: String
    public var message: String
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: Int64, app: String, release: Int, previousRelease: Int?, strategy: String, status: String, step: String,
        message: String, createdAt: String, updatedAt: String
    ) {
        self.id = id
        self.app = app
        self.release = release
        self.previousRelease = previousRelease
        self.strategy = strategy
        self.status = status
        self.step = step
        self.message = message
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The body of `POST /v1/hangar/apps/{app}/rollback`.
public struct RollbackRequest: Sendable, Codable, Equatable {
    public var version: Int?
    public var waitTimeoutSeconds: Int?

    public init(version: Int? = nil, waitTimeoutSeconds: Int? = nil) {
        self.version = version
        self.waitTimeoutSeconds = waitTimeoutSeconds
    }
}
