import HangarCore
import Testing

/// The order of a deploy per strategy, without processes.
@Suite struct DeployPlanTests {
    static func machines(_ group: String, _ count: Int, running: Bool = true, volume: Bool = false) -> [DeployPlan.Machine] {
        (0..<count).map { DeployPlan.Machine(id: "\(group)\($0)", group: group, running: running, hasVolume: volume) }
    }

    static func updates(_ plan: DeployPlan) -> [[String]] {
        plan.steps.compactMap { step in
            if case .update(let ids, true) = step { return ids }
            return nil
        }
    }

    @Test(arguments: [
        (0.33, 1, [1]), (0.33, 2, [1, 1]), (0.33, 3, [1, 1, 1]), (0.33, 4, [1, 2, 1]), (0.33, 7, [1, 3, 3]),
        (0.5, 5, [1, 3, 1]), (1.0, 3, [1, 1, 1]), (2.0, 5, [1, 2, 2]), (3.0, 2, [1, 1]), (0.0, 3, [1, 1, 1]),
        (100.0, 4, [1, 3]), (1e300, 4, [1, 3]),
    ])
    func rollingBatches(maxUnavailable: Double, count: Int, sizes: [Int]) throws {
        let plan = try DeployPlan.make(
            strategy: .rolling, maxUnavailable: maxUnavailable, groups: [.init(name: "web", count: count)],
            machines: Self.machines("web", count))
        let batches = Self.updates(plan)
        #expect(batches.map(\.count) == sizes)
        #expect(batches.joined().map { $0 } == (0..<count).map { "web\($0)" })
    }

    @Test func batchSizeFollowsFlyctl() {
        // ≥ 1 is a count, a fraction is rounded up, never below one.
        #expect(BatchRule(maxUnavailable: 0.33).batchSize(of: 10) == 4)
        #expect(BatchRule(maxUnavailable: 0.1).batchSize(of: 3) == 1)
        #expect(BatchRule(maxUnavailable: 2).batchSize(of: 10) == 2)
        #expect(BatchRule(maxUnavailable: 2.7).batchSize(of: 10) == 2)
        #expect(BatchRule(maxUnavailable: -1).batchSize(of: 10) == 1)
        #expect(BatchRule(maxUnavailable: .nan).batchSize(of: 10) == 1)
        #expect(BatchRule(maxUnavailable: 0.33).batchSize(of: 0) == 0)
    }

    @Test func rollingGoesGroupByGroupAndLeavesStoppedMachinesStopped() throws {
        let machines = Self.machines("api", 2) + Self.machines("worker", 1, running: false)
        let plan = try DeployPlan.make(
            strategy: .rolling, maxUnavailable: 1,
            groups: [.init(name: "api", count: 2), .init(name: "worker", count: 1)], machines: machines)
        #expect(
            plan.steps == [
                .update(ids: ["api0"], start: true), .update(ids: ["api1"], start: true),
                .update(ids: ["worker0"], start: false),
            ])
    }

    @Test func createsMissingFirstAndDestroysExtraLast() throws {
        let machines = Self.machines("web", 3) + Self.machines("old", 1)
        let plan = try DeployPlan.make(
            strategy: .rolling, maxUnavailable: 1,
            groups: [.init(name: "web", count: 2), .init(name: "jobs", count: 2)], machines: machines)
        #expect(plan.steps.first == .create(group: "jobs", count: 2))
        #expect(plan.steps.last == .destroy(ids: ["old0", "web2"]))
        #expect(Self.updates(plan) == [["web0"], ["web1"]])
    }

    @Test func immediateReplacesEverythingAtOnce() throws {
        let plan = try DeployPlan.make(
            strategy: .immediate, maxUnavailable: 0.33,
            groups: [.init(name: "a", count: 3), .init(name: "b", count: 2)],
            machines: Self.machines("a", 3) + Self.machines("b", 2))
        #expect(plan.steps == [.update(ids: ["a0", "a1", "a2", "b0", "b1"], start: true)])
    }

    @Test func canaryChecksOneNewMachinePerGroupFirst() throws {
        let plan = try DeployPlan.make(
            strategy: .canary, maxUnavailable: 1, groups: [.init(name: "web", count: 2)], machines: Self.machines("web", 2))
        #expect(plan.steps == [.canary(group: "web"), .update(ids: ["web0"], start: true), .update(ids: ["web1"], start: true)])
    }

    @Test(arguments: [DeploySpec.Strategy.canary, .bluegreen])
    func canaryAndBluegreenRefuseVolumes(strategy: DeploySpec.Strategy) {
        #expect(throws: DeployPlanError.self) {
            try DeployPlan.make(
                strategy: strategy, maxUnavailable: 1, groups: [.init(name: "db", count: 1, hasVolume: true, checkCount: 1)],
                machines: Self.machines("db", 1, volume: true))
        }
    }

    @Test func bluegreenNeedsACheck() {
        do {
            _ = try DeployPlan.make(
                strategy: .bluegreen, maxUnavailable: 1, groups: [.init(name: "web", count: 1)],
                machines: Self.machines("web", 1))
            Issue.record("bluegreen without checks should be refused")
        } catch {
            #expect(error.message.contains("health check"))
            #expect(error.message.contains("web"))
        }
    }

    @Test func bluegreenStartsTheWholeGreenSetBeforeSwitchingThenDestroysBlue() throws {
        let plan = try DeployPlan.make(
            strategy: .bluegreen, maxUnavailable: 1,
            groups: [.init(name: "web", count: 2, checkCount: 1), .init(name: "api", count: 1, checkCount: 2)],
            machines: Self.machines("web", 2) + Self.machines("api", 1))
        #expect(
            plan.steps == [
                .createGreen(blue: ["web0", "web1", "api0"]),
                .switchTraffic(blue: ["web0", "web1", "api0"]),
                .destroy(ids: ["web0", "web1", "api0"]),
            ])
    }

    @Test func firstDeployOnlyCreates() throws {
        let plan = try DeployPlan.make(
            strategy: .bluegreen, maxUnavailable: 1, groups: [.init(name: "web", count: 2)], machines: [])
        #expect(plan.steps == [.create(group: "web", count: 2)])
    }

    @Test func summariesNameTheMachines() {
        #expect(DeployStep.update(ids: ["a", "b"], start: true).summary == "replace 2 machines: a, b")
        #expect(DeployStep.create(group: "web", count: 1).summary == "create 1 machine of group web")
    }
}
