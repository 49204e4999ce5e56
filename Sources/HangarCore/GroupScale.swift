/// How many Machines each process group runs (`hangar scale count web=3`). Groups not listed run
/// one Machine, as on Fly after a first deploy of a group with a volume.
public struct GroupScale: Sendable, Equatable, Codable {
    public var counts: [String: Int]

    public init(_ counts: [String: Int] = [:]) {
        self.counts = counts
    }

    public static let defaultCount = 1

    public func count(for group: String) -> Int { counts[group] ?? Self.defaultCount }

    /// Parses `GROUP=N` arguments (flyctl's `scale count` syntax). A bare `N` applies to `defaultGroup`.
    public static func parse(_ arguments: [String], defaultGroup: String) throws(PlanError) -> [String: Int] {
        var result: [String: Int] = [:]
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let group = parts.count == 2 ? parts[0] : defaultGroup
            let text = parts.count == 2 ? parts[1] : parts[0]
            guard !group.isEmpty, let n = Int(text), n >= 0, n <= 1000 else {
                throw PlanError(
                    "invalid scale '\(argument)': expected GROUP=COUNT with a count from 0 to 1000, e.g. web=3")
            }
            result[group] = n
        }
        return result
    }
}
