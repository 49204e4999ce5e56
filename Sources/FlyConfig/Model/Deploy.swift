/// `[deploy]` (spec §5.2).
public struct Deploy: Sendable, Equatable, Codable {
    /// `rolling` (default), `immediate`, `canary`, `bluegreen`; kept as written (rules validate).
    public var strategy: String?
    public var maxUnavailable: Double?
    public var waitTimeout: FlyDuration?
    /// A command string (split with `CommandLineSplitter`).
    public var releaseCommand: String?
    public var releaseCommandTimeout: FlyDuration?
    /// Same keys as one `[[vm]]` entry (its `processes` is meaningless here).
    public var releaseCommandVM: VM?
    public var seedCommand: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case strategy
        case maxUnavailable = "max_unavailable"
        case waitTimeout = "wait_timeout"
        case releaseCommand = "release_command"
        case releaseCommandTimeout = "release_command_timeout"
        case releaseCommandVM = "release_command_vm"
        case seedCommand = "seed_command"
    }
}
