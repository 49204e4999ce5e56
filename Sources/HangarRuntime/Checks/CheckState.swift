import Foundation
import HangarCore

/// Where one check of a machine stands: its latest result, when its status last changed (what
/// `fly checks list` shows as "Last Updated") and how many probes have run.
public struct CheckState: Sendable, Equatable {
    public var name: String
    public var check: CheckSpec
    /// The latest result; before any probe, a `warning` saying the check is waiting.
    public var result: CheckResult
    /// When `result.status` last changed (or the run started).
    public var lastChanged: Date
    /// Probes concluded in this run (cancelled probes do not count).
    public var probeCount: Int
    /// Critical probes in a row, up to the latest (0 when the latest was not critical).
    public var consecutiveCritical = 0

    public var status: CheckStatus { result.status }

    public init(name: String, check: CheckSpec, result: CheckResult, lastChanged: Date, probeCount: Int) {
        self.name = name
        self.check = check
        self.result = result
        self.lastChanged = lastChanged
        self.probeCount = probeCount
    }

    /// The state of `check` when a run starts at `date`: `warning`, nothing probed yet.
    public static func waiting(_ check: CheckSpec, at date: Date) -> CheckState {
        let grace = CheckTiming.gracePeriod(check)
        let output = grace > .zero
            ? "waiting for the first check (grace period \(ProbeText.duration(grace)))"
            : "waiting for the first check"
        return CheckState(
            name: check.name, check: check,
            result: CheckResult(status: .warning, output: output, checkedAt: date),
            lastChanged: date, probeCount: 0)
    }
}
