/// How one check's probe outcomes become statuses, and when it probes next. Pure: times are
/// offsets from the moment the runner started the check (the machine's start).
///
/// - Probing starts at once and repeats every `interval`. Until the check has passed once, the
///   cadence is `min(interval, startupInterval)` when a startup interval is set (off by default,
///   which is Fly's cadence).
/// - A success makes the check `passing`.
/// - A failure of a probe that started within the grace period, before the check ever passed, is
///   `warning`: Fly does not hold a machine's first seconds against it. If the check has not passed
///   by the end of the grace period, a probe runs exactly then, so the verdict lands on time.
/// - Any other failure is `critical`. Once a check has passed, the grace period no longer applies.
public struct CheckLifecycle: Sendable, Equatable {
    public let interval: Duration
    public let gracePeriod: Duration
    public let startupInterval: Duration?
    public private(set) var hasPassed = false

    public init(interval: Duration, gracePeriod: Duration, startupInterval: Duration? = nil) {
        self.interval = interval
        self.gracePeriod = gracePeriod
        self.startupInterval = startupInterval.flatMap { $0 > .zero ? $0 : nil }
    }

    /// Records a probe that started `offset` after the check started; returns its status and the
    /// offset at which the next probe is due.
    public mutating func record(succeeded: Bool, probeStartedAt offset: Duration) -> (status: CheckStatus, nextProbe: Duration) {
        let status: CheckStatus
        if succeeded {
            status = .passing
            hasPassed = true
        } else if !hasPassed && offset < gracePeriod {
            status = .warning
        } else {
            status = .critical
        }
        return (status, nextProbe(after: offset))
    }

    /// Whether a failure at `offset` falls within the grace period (and so reads `warning`).
    public func isWithinGrace(_ offset: Duration) -> Bool {
        !hasPassed && offset < gracePeriod
    }

    private func nextProbe(after offset: Duration) -> Duration {
        var cadence = interval
        if !hasPassed, let startupInterval { cadence = min(cadence, startupInterval) }
        var next = offset + cadence
        if !hasPassed, offset < gracePeriod, gracePeriod < next { next = gracePeriod }
        return next
    }
}
