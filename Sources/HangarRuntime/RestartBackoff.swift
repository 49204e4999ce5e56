/// Capped exponential backoff between restarts: `initial`, doubling per consecutive failure up to
/// `maximum`. A run that lasted `stableAfter` counts as healthy and resets the sequence.
public struct RestartBackoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public var stableAfter: Duration

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(10), stableAfter: Duration = .seconds(60)) {
        self.initial = initial
        self.maximum = maximum
        self.stableAfter = stableAfter
    }

    /// The delay before restart number `failure` of a sequence (1 for the first).
    public func delay(forFailure failure: Int) -> Duration {
        var delay = initial
        var remaining = max(0, failure - 1)
        while remaining > 0 && delay < maximum {
            delay *= 2
            remaining -= 1
        }
        return min(delay, maximum)
    }
}
