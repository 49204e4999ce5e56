import HangarCore

/// What to do after a Machine's main process ended.
public enum RestartDecision: Sendable, Equatable {
    /// Start it again after this delay.
    case restart(after: Duration)
    /// Leave it stopped: it was asked to stop, it succeeded under `on-failure`, or the policy is `never`.
    case stop
    /// The retry budget is spent: the Machine is failed.
    case giveUp(reason: String)
}

/// Applies a `[[restart]]` policy to a Machine's exits (pure: time comes in as arguments).
///
/// - `never`: every exit leaves the Machine stopped.
/// - `always`: every exit restarts it, with backoff, without a budget.
/// - `on-failure` (Fly's default): an exit other than code 0 restarts it, at most `maxRetries`
///   times within `window` (Fly: 10 in 5 minutes); one more failure gives up.
public struct RestartPolicyTracker: Sendable {
    public let spec: RestartSpec
    public let window: Duration
    public let backoff: RestartBackoff

    /// When the restarts counted against the budget were decided.
    public private(set) var restarts: [ContinuousClock.Instant] = []
    /// Failures since the last stable run.
    public private(set) var consecutiveFailures = 0
    private var startedAt: ContinuousClock.Instant?

    public init(spec: RestartSpec, window: Duration? = nil, backoff: RestartBackoff = RestartBackoff()) {
        self.spec = spec
        self.window = window ?? .nanoseconds(RestartSpec.retryWindow.nanoseconds)
        self.backoff = backoff
    }

    /// Records that the Machine (re)started at `instant`.
    public mutating func started(at instant: ContinuousClock.Instant) {
        startedAt = instant
    }

    /// Decides what follows an exit at `instant`. `stopRequested`: the exit was asked for (a stop,
    /// a scale-down), so it never restarts.
    public mutating func exited(_ info: ExitInfo, at instant: ContinuousClock.Instant, stopRequested: Bool = false) -> RestartDecision {
        defer { startedAt = nil }
        if stopRequested { return .stop }
        if let startedAt, startedAt.duration(to: instant) >= backoff.stableAfter { consecutiveFailures = 0 }

        switch spec.policy {
        case .never:
            return .stop
        case .onFailure:
            if info.isSuccess { return .stop }
            let window = window
            restarts.removeAll { $0.duration(to: instant) > window }
            if restarts.count >= spec.maxRetries {
                return .giveUp(reason: "\(info.description); restarted \(restarts.count) times within \(window.formatted) (max_retries \(spec.maxRetries))")
            }
        case .always:
            break
        }
        consecutiveFailures += 1
        restarts.append(instant)
        return .restart(after: backoff.delay(forFailure: consecutiveFailures))
    }

    /// Counts a restart for a failing health check (`--restart-unhealthy`) against the budget,
    /// whatever the policy: at most `maxRetries` restarts (of any cause) within `window`. False
    /// when the budget is spent, and then nothing is counted.
    public mutating func unhealthyRestart(at instant: ContinuousClock.Instant) -> Bool {
        let window = window
        restarts.removeAll { $0.duration(to: instant) > window }
        guard restarts.count < spec.maxRetries else { return false }
        restarts.append(instant)
        return true
    }
}

extension Duration {
    /// `5m0s`, `300ms`, `10s` (Go-style, as flyctl prints durations).
    var formatted: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if seconds < 60 { return milliseconds % 1000 == 0 ? "\(seconds)s" : "\(Double(milliseconds) / 1000)s" }
        return "\(seconds / 60)m\(seconds % 60)s"
    }
}
