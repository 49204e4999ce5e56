import FlyConfig

/// How a release reaches the Machines: strategy, batch size, timeouts and the release command.
public struct DeploySpec: Sendable, Equatable, Codable {
    public enum Strategy: String, Sendable, Codable { case rolling, immediate, canary, bluegreen }

    public var strategy: Strategy
    /// flyctl's `max_unavailable`: ≥ 1 is a count, < 1 a fraction rounded up. Default 0.33.
    public var maxUnavailable: Double
    public var waitTimeout: FlyDuration
    /// The release command's argv, run once in a temporary Machine before the update.
    public var releaseCommand: [String]?
    public var releaseCommandTimeout: FlyDuration
    public var releaseCommandGuest: Guest?

    public static let defaultMaxUnavailable = 0.33
    public static let defaultWaitTimeout = FlyDuration.seconds(300)
    public static let defaultReleaseCommandTimeout = FlyDuration.seconds(300)

    init(config: AppConfig, app: String, image: ImageDefaults, secretNames: [String]) throws(PlanError) {
        let deploy = config.deploy
        strategy = deploy?.strategy.flatMap(Strategy.init(rawValue:)) ?? .rolling
        maxUnavailable = deploy?.maxUnavailable ?? Self.defaultMaxUnavailable
        waitTimeout = deploy?.waitTimeout ?? Self.defaultWaitTimeout
        releaseCommandTimeout = deploy?.releaseCommandTimeout ?? Self.defaultReleaseCommandTimeout
        if let text = deploy?.releaseCommand, !text.isEmpty {
            do {
                releaseCommand = try CommandLineSplitter.split(text)
            } catch {
                throw PlanError("deploy.release_command cannot be split into words: \(error.message)")
            }
        }
        if let vm = deploy?.releaseCommandVM {
            releaseCommandGuest = try? Guest.compute(from: vm, topLevelHostDedicationID: config.hostDedicationID)
        }
    }

    /// How many Machines of `total` may be replaced at once (see `BatchRule`).
    public func batchSize(of total: Int) -> Int {
        BatchRule(maxUnavailable: maxUnavailable).batchSize(of: total)
    }
}
