/// A check whose status changed: published by `CheckRunner` only when the status differs from the
/// previous one (and once per check when a run starts, with no previous status).
public struct CheckStatusChange: Sendable, Equatable {
    public var checkName: String
    /// `nil` for the initial `warning` of a run.
    public var previous: CheckStatus?
    /// The result that changed the status; `result.checkedAt` is the time of the change.
    public var result: CheckResult

    public var status: CheckStatus { result.status }

    public init(checkName: String, previous: CheckStatus?, result: CheckResult) {
        self.checkName = checkName
        self.previous = previous
        self.result = result
    }
}
