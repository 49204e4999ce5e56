/// The ordered steps of a deploy: which machines are replaced together, in what order, for a
/// strategy (flyctl's rules, A4.3). Pure: made from the machines as they stand and the desired
/// counts, tested without processes.
///
/// - `rolling`: per process group, stopped machines are updated without being started (all at
///   once, so autostopped apps stay stopped); started ones first alone (the spearhead), then in
///   batches of `max_unavailable` (≥ 1 a count, below 1 a fraction of the group's started machines,
///   rounded up).
/// - `immediate`: every machine at once.
/// - `canary`: per group with started machines, one extra machine of the new version is created,
///   checked and destroyed first; then as rolling. Refused with volumes.
/// - `bluegreen`: a new (green) machine next to every started one, all started and passing before
///   any gets traffic; then traffic switches and the old (blue) set is destroyed. Needs a health
///   check in every group it touches; refused with volumes.
///
/// Machines the new config wants and do not exist are created first; machines it no longer wants
/// (a group removed, or beyond the count) are destroyed last, after everything passed.
public struct DeployPlan: Sendable, Equatable, Codable {
    public var strategy: DeploySpec.Strategy
    public var steps: [DeployStep]

    public init(strategy: DeploySpec.Strategy, steps: [DeployStep]) {
        self.strategy = strategy
        self.steps = steps
    }

    /// A machine as the planner sees it.
    public struct Machine: Sendable, Equatable, Codable {
        public var id: String
        public var group: String
        /// Started (or starting): replaced with traffic in mind. Others are updated but left stopped.
        public var running: Bool
        public var hasVolume: Bool

        public init(id: String, group: String, running: Bool, hasVolume: Bool = false) {
            self.id = id
            self.group = group
            self.running = running
            self.hasVolume = hasVolume
        }
    }

    /// A process group of the new config.
    public struct Group: Sendable, Equatable, Codable {
        public var name: String
        public var count: Int
        public var hasVolume: Bool
        /// Service and top-level checks of the group's new spec.
        public var checkCount: Int

        public init(name: String, count: Int, hasVolume: Bool = false, checkCount: Int = 0) {
            self.name = name
            self.count = count
            self.hasVolume = hasVolume
            self.checkCount = checkCount
        }
    }

    /// Plans a deploy of `groups` over `machines` (in the order to keep them: the first `count` of a
    /// group stay, the rest go). Throws when the strategy cannot be used for this app.
    public static func make(
        strategy: DeploySpec.Strategy, maxUnavailable: Double, groups: [Group], machines: [Machine]
    ) throws(DeployPlanError) -> DeployPlan {
        let spec = BatchRule(maxUnavailable: maxUnavailable)
        var create: [DeployStep] = []
        var kept: [(group: Group, machines: [Machine])] = []
        var doomed: [String] = []
        for machine in machines where !groups.contains(where: { $0.name == machine.group }) {
            doomed.append(machine.id)
        }
        for group in groups {
            let members = machines.filter { $0.group == group.name }
            kept.append((group, Array(members.prefix(group.count))))
            doomed += members.dropFirst(group.count).map(\.id)
            if members.count < group.count {
                create.append(.create(group: group.name, count: group.count - members.count))
            }
        }
        let touched = kept.filter { !$0.machines.isEmpty }
        switch strategy {
        case .canary, .bluegreen:
            if let group = touched.first(where: { $0.group.hasVolume || $0.machines.contains(where: \.hasVolume) }) {
                throw DeployPlanError(
                    "the \(strategy.rawValue) strategy cannot be used with volumes (group \(group.group.name) mounts "
                        + "one): a new machine would need a second volume; use --strategy rolling or immediate")
            }
        case .rolling, .immediate:
            break
        }
        if strategy == .bluegreen,
            let group = touched.first(where: { $0.group.checkCount == 0 && $0.machines.contains(where: \.running) })
        {
            throw DeployPlanError(
                "the bluegreen strategy needs a health check to know when the new machines are ready, and group "
                    + "\(group.group.name) has none: add [[http_service.checks]] (or [checks]), or use --strategy rolling")
        }

        var steps = create
        switch strategy {
        case .immediate:
            let stopped = touched.flatMap { $0.machines.filter { !$0.running } }.map(\.id)
            let running = touched.flatMap { $0.machines.filter(\.running) }.map(\.id)
            if !stopped.isEmpty { steps.append(.update(ids: stopped, start: false)) }
            if !running.isEmpty { steps.append(.update(ids: running, start: true)) }
        case .rolling, .canary:
            for entry in touched {
                let stopped = entry.machines.filter { !$0.running }.map(\.id)
                let running = entry.machines.filter(\.running).map(\.id)
                if strategy == .canary && !running.isEmpty { steps.append(.canary(group: entry.group.name)) }
                if !stopped.isEmpty { steps.append(.update(ids: stopped, start: false)) }
                for batch in spec.batches(running) { steps.append(.update(ids: batch, start: true)) }
            }
        case .bluegreen:
            let stopped = touched.flatMap { $0.machines.filter { !$0.running } }.map(\.id)
            let blue = touched.flatMap { $0.machines.filter(\.running) }.map(\.id)
            if !stopped.isEmpty { steps.append(.update(ids: stopped, start: false)) }
            if !blue.isEmpty {
                steps.append(.createGreen(blue: blue))
                steps.append(.switchTraffic(blue: blue))
                doomed = blue + doomed
            }
        }
        if !doomed.isEmpty { steps.append(.destroy(ids: doomed)) }
        return DeployPlan(strategy: strategy, steps: steps)
    }
}

/// One step of a deploy.
public enum DeployStep: Sendable, Equatable, Codable {
    /// New machines of a group the config wants more of: created on the new version and started.
    case create(group: String, count: Int)
    /// A temporary extra machine of the group on the new version: started, checked, destroyed.
    case canary(group: String)
    /// Machines updated in place together: drained, stopped, given the new version, and (with
    /// `start`) started and waited for.
    case update(ids: [String], start: Bool)
    /// bluegreen: a machine of the new version for each of these, kept out of routing until
    /// `switchTraffic`, all started and passing.
    case createGreen(blue: [String])
    /// bluegreen: the green machines take traffic, the blue ones are drained and stopped.
    case switchTraffic(blue: [String])
    /// Machines no longer wanted (or the old blue set): stopped and destroyed.
    case destroy(ids: [String])

    /// A line for `hangar status` and the deploy's progress.
    public var summary: String {
        switch self {
        case .create(let group, let count): "create \(count) machine\(count == 1 ? "" : "s") of group \(group)"
        case .canary(let group): "check a canary machine of group \(group)"
        case .update(let ids, let start):
            "\(start ? "replace" : "update (stopped)") \(ids.count) machine\(ids.count == 1 ? "" : "s"): "
                + ids.joined(separator: ", ")
        case .createGreen(let blue): "start \(blue.count) green machine\(blue.count == 1 ? "" : "s")"
        case .switchTraffic(let blue): "switch traffic from \(blue.count) blue machine\(blue.count == 1 ? "" : "s")"
        case .destroy(let ids): "destroy \(ids.count) machine\(ids.count == 1 ? "" : "s"): " + ids.joined(separator: ", ")
        }
    }
}

/// flyctl's batching of started machines: the first alone, then batches of `max_unavailable`.
public struct BatchRule: Sendable, Equatable {
    public var maxUnavailable: Double

    public init(maxUnavailable: Double) {
        self.maxUnavailable = maxUnavailable
    }

    /// How many of `total` machines may be replaced at once: ≥ 1 is a count; between 0 and 1 a
    /// fraction of `total`, rounded up; never less than 1.
    public func batchSize(of total: Int) -> Int {
        guard total > 0 else { return 0 }
        if maxUnavailable >= 1 { return Int(min(Double(total), maxUnavailable.rounded(.down))) }
        let fraction = maxUnavailable.isFinite ? max(maxUnavailable, 0) : 0
        return max(1, min(total, Int((Double(total) * fraction).rounded(.up))))
    }

    /// The spearhead alone, then the rest in batches of `batchSize(of: ids.count)`.
    public func batches<T>(_ ids: [T]) -> [[T]] {
        guard let first = ids.first else { return [] }
        var result: [[T]] = [[first]]
        let size = batchSize(of: ids.count)
        var index = 1
        while index < ids.count {
            result.append(Array(ids[index..<min(ids.count, index + size)]))
            index += size
        }
        return result
    }
}

/// A strategy that cannot be used for this app, with what to do instead.
public struct DeployPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
