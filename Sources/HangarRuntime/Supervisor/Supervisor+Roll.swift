import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// Restarts the app's machines on its current config, health-gated and batched like a rolling
    /// deploy (the first machine alone, then batches of `max_unavailable`), so that they pick up a
    /// change made outside the fly.toml (secrets, memory). Stopped machines get the new spec and stay
    /// stopped. Stops at the first machine that fails (naming it, with its exit and last log lines);
    /// the machines not reached yet keep running as they were. Makes no release.
    public func rollMachines(app: String, reason: String) async throws(ControlError) -> AppStatus {
        guard !detached else { throw ControlError(.conflict, "the supervisor is shutting down") }
        let record = try requireApp(app)
        guard let configPath = record.configPath else {
            throw ControlError(.conflict, "app \(app) has no config path; run `hangar up` first")
        }
        let source = try AppSource.load(path: configPath)
        let outcome = await serially("app:" + app) { supervisor -> Result<Void, ControlError> in
            await supervisor.performRoll(app: app, source: source, reason: reason)
        }
        try outcome.get()
        return try appStatus(app)
    }

    func performRoll(app: String, source: AppSource, reason: String) async -> Result<Void, ControlError> {
        do throws(ControlError) {
            let plan = try makePlan(source: source, app: app)
            let ordered = try deployOrder(app: app).filter { plan.group($0.group) != nil }
            let rule = BatchRule(maxUnavailable: plan.deploy.maxUnavailable)
            var steps: [DeployStep] = []
            for group in plan.groups {
                let members = ordered.filter { $0.group == group.name }
                let stopped = members.filter { machines[$0.id]?.isRunning != true }.map(\.id)
                let running = members.filter { machines[$0.id]?.isRunning == true }.map(\.id)
                if !stopped.isEmpty { steps.append(.update(ids: stopped, start: false)) }
                for batch in rule.batches(running) { steps.append(.update(ids: batch, start: true)) }
            }
            let runMode = self.mode(ofApp: app, records: ordered) ?? .shared
            let seconds = Int(min(plan.deploy.waitTimeout.nanoseconds / 1_000_000_000, 86_400))
            var run = DeployRun(
                app: app, plan: DeployPlan(strategy: .rolling, steps: steps),
                target: Dictionary(plan.groups.map { ($0.name, $0.spec) }) { a, _ in a }, autoRollback: false,
                waitTimeoutSeconds: max(seconds, 1), mode: runMode)
            for id in ordered.map(\.id) { runnerLog(id, "Rolling restart: \(reason)") }
            var launched: [String: ContinuousClock.Instant] = [:]
            if case .failure(let failure) = await executeSteps(&run, launched: &launched) {
                throw ControlError(.failed, "rolling restart (\(reason)) stopped:\n" + failure.message)
            }
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}
