/// The counts behind a machine's CHECKS column.
public struct MachineChecks: Sendable, Equatable, Codable {
    public var total: Int
    public var passing: Int
    public var warning: Int
    public var critical: Int

    public init(statuses: some Sequence<CheckStatus>) {
        var total = 0, passing = 0, warning = 0, critical = 0
        for status in statuses {
            total += 1
            switch status {
            case .passing: passing += 1
            case .warning: warning += 1
            case .critical: critical += 1
            }
        }
        self.total = total
        self.passing = passing
        self.warning = warning
        self.critical = critical
    }

    public init(_ states: [CheckState]) {
        self.init(statuses: states.map(\.status))
    }

    /// Every check passes (vacuously true for a machine without checks).
    public var allPassing: Bool { passing == total }

    /// flyctl's summary: `3 total, 2 passing, 1 critical`. Zero counts are left out, and a machine
    /// without checks has an empty summary, as in `fly status`.
    public var summary: String {
        guard total > 0 else { return "" }
        var parts = ["\(total) total"]
        if passing > 0 { parts.append("\(passing) passing") }
        if warning > 0 { parts.append("\(warning) warning") }
        if critical > 0 { parts.append("\(critical) critical") }
        return parts.joined(separator: ", ")
    }

    public static func summary(_ statuses: some Sequence<CheckStatus>) -> String {
        MachineChecks(statuses: statuses).summary
    }
}
