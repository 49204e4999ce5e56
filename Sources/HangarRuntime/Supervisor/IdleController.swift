import HangarCore

/// Watches the proxy's load reports between autostop passes: for every machine, the most work it
/// had in flight since the pass began. A machine is idle for a pass when that stays zero and it
/// ran for the whole pass.
struct IdleController {
    /// When the current pass window opened.
    private(set) var windowStart: ContinuousClock.Instant
    /// Peak in-flight work per machine id since `windowStart` (machines never reported: zero).
    private var peaks: [String: Int] = [:]

    init(now: ContinuousClock.Instant = .now) {
        windowStart = now
    }

    /// A load report arrived: raise each machine's peak.
    mutating func observe(_ load: LoadReport) {
        for (machine, count) in load.inFlight where count > 0 {
            peaks[machine] = max(peaks[machine] ?? 0, count)
        }
    }

    /// Ends the window: returns what it saw, and opens the next one with the work in flight now
    /// (`current`, from the latest reports), so work that spans passes counts in both.
    mutating func closeWindow(now: ContinuousClock.Instant, current: [LoadReport]) -> Window {
        let closed = Window(start: windowStart, peaks: peaks)
        windowStart = now
        peaks = [:]
        for load in current { observe(load) }
        return closed
    }

    /// One pass's observations.
    struct Window {
        var start: ContinuousClock.Instant
        var peaks: [String: Int]

        func peak(_ machine: String) -> Int { peaks[machine] ?? 0 }
    }
}
