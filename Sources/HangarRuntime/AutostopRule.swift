/// Fly's autostop decision for one service, as a pure function of the machines' load over one pass.
///
/// Fly's rule, per region and service, at most one machine per pass:
/// - more than one machine running: `excess = running − (running at or over soft_limit + 1)`;
///   when `excess ≥ 1`, one machine goes;
/// - exactly one running: it goes only when its load is zero;
/// - `min_machines_running` machines always stay (all machines here are in the primary region).
///
/// Hangar adds one restriction: the machine that goes must have had no work in flight during the
/// whole pass (and must have been running for the whole pass), so a machine with load is never
/// stopped. When no machine qualifies, nothing stops this pass.
public enum AutostopRule {
    /// One running machine of the service, as the pass saw it.
    public struct Machine: Sendable, Equatable {
        public var id: String
        /// The most work it had in flight at any moment of the pass.
        public var peakLoad: Int
        /// It ran (not frozen, not draining) for the whole pass, so its load was observed throughout.
        public var observedWholePass: Bool

        public init(id: String, peakLoad: Int, observedWholePass: Bool) {
            self.id = id
            self.peakLoad = peakLoad
            self.observedWholePass = observedWholePass
        }

        /// Eligible to go: watched for the whole pass, never had work in flight.
        public var idle: Bool { observedWholePass && peakLoad == 0 }
    }

    /// Fly's excess capacity: how many running machines the service could do without.
    /// `running` machines, of which `overSoftLimit` are at or past their soft limit.
    public static func excess(running: Int, overSoftLimit: Int) -> Int {
        guard running > 1 else { return 0 }
        return running - (overSoftLimit + 1)
    }

    /// The machine to stop (or suspend) this pass, if any. `running` lists the service's running
    /// machines, the one started most recently last; the most recently started idle machine goes
    /// (the longest-running ones stay warm).
    public static func choose(running: [Machine], softLimit: Int, minMachinesRunning: Int) -> String? {
        guard running.count > max(minMachinesRunning, 0) else { return nil }
        if running.count == 1 {
            return running[0].idle ? running[0].id : nil
        }
        let limit = max(softLimit, 1)
        let over = running.filter { $0.peakLoad >= limit }.count
        guard excess(running: running.count, overSoftLimit: over) >= 1 else { return nil }
        return running.last { $0.idle }?.id
    }
}
