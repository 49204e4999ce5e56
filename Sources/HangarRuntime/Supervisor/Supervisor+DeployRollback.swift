import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// Puts the machines back as they were before the deploy, in the deploy's own batches: blue
    /// machines started again when traffic had switched, changed machines given their previous spec
    /// (those that ran started and waited for), then the machines the deploy created destroyed.
    func rollbackMachines(_ run: inout DeployRun) async -> Result<Void, DeployFailure> {
        var launched: [String: ContinuousClock.Instant] = [:]
        for green in run.greens.values where !run.switched { machines[green]?.cordoned = true }
        if run.switched {
            let blue = run.greens.keys.sorted().filter { (try? store.machine(id: $0))?.state.isTerminal == false }
            let started = await startAndWait(blue, cordoned: false, run: run, launched: &launched)
            if case .failure = started { return started }
        }
        let previous = run.previous
        let running = Set(run.wasRunning)
        for batch in rollbackBatches(run) {
            let changed = batch.filter { id in
                guard let record = try? store.machine(id: id), !record.state.isTerminal, let old = previous[id] else {
                    return false
                }
                return record.spec != old || (running.contains(id) && machines[id]?.isRunning != true)
            }
            let toStart = changed.filter { running.contains($0) }
            let toLeave = changed.filter { !running.contains($0) }
            for (ids, start) in [(toStart, true), (toLeave, false)] where !ids.isEmpty {
                let result = await replace(
                    ids, start: start, specs: { previous[$0.id] }, run: &run, launched: &launched, saveEach: false)
                if case .failure = result { return result }
            }
        }
        let created = run.created
        let destroyed = await destroyMachines(created, run: &run)
        if case .failure = destroyed { return destroyed }
        run.created = []
        saveRun(run)
        return .success(())
    }

    /// The machines a rollback restores, batch by batch: the deploy's own update batches, latest
    /// first (so the machines that were changed last go back first).
    func rollbackBatches(_ run: DeployRun) -> [[String]] {
        var batches: [[String]] = []
        for step in run.plan.steps {
            if case .update(let ids, _) = step { batches.append(ids) }
        }
        let covered = Set(batches.joined())
        let rest = run.previous.keys.filter { !covered.contains($0) }.sorted()
        if !rest.isEmpty { batches.append(rest) }
        return batches.reversed()
    }

    // MARK: - After a daemon restart

    /// Deploys a daemon left under way: each is rolled back (or, with automatic rollback off,
    /// carried on from the step it was at), and its record says which. Runs in the background; the
    /// machines were re-adopted first. Returns the ids of the deploys taken up.
    func recoverDeploys() -> [Int64] {
        let active = (try? store.activeDeploys()) ?? []
        var taken: [Int64] = []
        for record in active {
            guard var run = DeployRun.decode(record.state) else {
                _ = try? store.setReleaseStatus(app: record.app, version: record.release, to: .failed)
                _ = try? store.updateDeploy(
                    id: record.id, status: .failed,
                    message: "the daemon restarted during the deploy and its progress could not be read; "
                        + "check `hangar status` and redeploy")
                continue
            }
            run.deployID = record.id
            for green in run.greens.values where !run.switched { machines[green]?.cordoned = true }
            if appRuntimes[run.app] == nil { appRuntimes[run.app] = AppRuntime(mode: run.mode, notes: []) }
            taken.append(record.id)
            let app = run.app
            let recovered = run
            Task {
                _ = await self.serially("app:" + app) { supervisor in
                    await supervisor.resumeDeploy(record, recovered)
                }
            }
        }
        return taken
    }

    /// Finishes a deploy found under way after a restart: rolls it back, or with automatic rollback
    /// off, runs its remaining steps.
    func resumeDeploy(_ record: DeployRecord, _ run: DeployRun) async {
        let step = record.step.isEmpty ? "before its first step" : "at step \(record.step)"
        if record.status == .running && !run.autoRollback {
            _ = try? store.updateDeploy(
                id: record.id, message: "the daemon restarted during the deploy (\(step)); carrying it on")
            switch await runDeploy(record, run) {
            case .success(let final):
                _ = try? store.updateDeploy(
                    id: record.id, message: final.message + " (completed after a daemon restart \(step))")
            case .failure:
                break
            }
            publish(run.app)
            return
        }
        _ = await failDeploy(
            record, run, reason: "the daemon restarted during the deploy (\(step)); rolled back after the restart")
    }
}
