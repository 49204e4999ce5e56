/// How many Machines each process group runs (`hangar scale count web=3`). Groups not listed run
/// one Machine, as on Fly after a first deploy of a group with a volume.
public struct GroupScale: Sendable, Equatable, Codable {
    public var counts: [String: Int]
    /// VM size and memory per group (`hangar scale vm|memory`); groups absent keep their `[[vm]]`.
    public var guests: [String: GuestOverride]

    public init(_ counts: [String: Int] = [:], guests: [String: GuestOverride] = [:]) {
        self.counts = counts
        self.guests = guests
    }

    enum CodingKeys: String, CodingKey {
        case counts, guests
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        counts = try container.decode([String: Int].self, forKey: .counts)
        guests = try container.decodeIfPresent([String: GuestOverride].self, forKey: .guests) ?? [:]
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
