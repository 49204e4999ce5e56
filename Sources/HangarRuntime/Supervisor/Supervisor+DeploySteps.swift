import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// How long after its start a machine that exits fails the deploy at once (flyctl's smoke check).
    static let deploySmokeWindow: Duration = .seconds(10)

    /// Runs the deploy's steps from `run.next`, saving its progress before each change. On failure,
    /// puts the previous release back (unless auto-rollback is off) and records which. Returns the
    /// final record, or the error for the caller (with what was done about it).
    func runDeploy(_ record: DeployRecord, _ start: DeployRun) async -> Result<DeployRecord, ControlError> {
        var run = start
        run.deployID = record.id
        var launched: [String: ContinuousClock.Instant] = [:]
        let failure: DeployFailure
        switch await executeSteps(&run, launched: &launched) {
        case .success:
            let note = "release v\(record.release) deployed: \(run.plan.strategy.rawValue), every machine passed"
            _ = try? store.setReleaseStatus(app: run.app, version: record.release, to: .complete)
            let final = (try? store.updateDeploy(id: record.id, status: .succeeded, step: "done", message: note, state: run.json))
            publish(run.app)
            return .success(final ?? record)
        case .failure(let error):
            failure = error
        }
        if failure.detached { return .failure(ControlError(.conflict, "the supervisor is shutting down")) }
        return await failDeploy(record, run, reason: failure.message)
    }

    /// After a failed step: roll back (or not) and record the outcome.
    func failDeploy(_ record: DeployRecord, _ failed: DeployRun, reason: String) async -> Result<DeployRecord, ControlError> {
        var run = failed
        guard run.autoRollback else {
            _ = try? store.setReleaseStatus(app: run.app, version: record.release, to: .failed)
            let message = "deploy of release v\(record.release) failed; automatic rollback is off, machines stay as they are:\n" + reason
            _ = try? store.updateDeploy(id: record.id, status: .failed, message: message, state: run.json)
            publish(run.app)
            return .failure(ControlError(.failed, message))
        }
        _ = try? store.updateDeploy(
            id: record.id, status: .rollingBack, step: "rolling back to "
                + (record.previousRelease.map { "release v\($0)" } ?? "the machines as they were"),
            message: reason, state: run.json)
        publish(run.app)
        let back = record.previousRelease.map { "v\($0)" } ?? "the previous machines"
        switch await rollbackMachines(&run) {
        case .success:
            _ = try? store.setReleaseStatus(app: run.app, version: record.release, to: .rolledBack)
            let message = "deploy of release v\(record.release) failed and was rolled back to \(back):\n" + reason
            _ = try? store.updateDeploy(id: record.id, status: .rolledBack, step: "done", message: message, state: run.json)
            publish(run.app)
            return .failure(ControlError(.failed, message))
        case .failure(let error):
            if error.detached { return .failure(ControlError(.conflict, "the supervisor is shutting down")) }
            _ = try? store.setReleaseStatus(app: run.app, version: record.release, to: .failed)
            let message = "deploy of release v\(record.release) failed:\n\(reason)\nand the rollback to \(back) failed too:\n"
                + error.message
            _ = try? store.updateDeploy(id: record.id, status: .failed, message: message, state: run.json)
            publish(run.app)
            return .failure(ControlError(.failed, message))
        }
    }

    func executeSteps(_ run: inout DeployRun, launched: inout [String: ContinuousClock.Instant]) async
        -> Result<Void, DeployFailure>
    {
        while run.next < run.plan.steps.count {
            if detached { return .failure(DeployFailure("detached", detached: true)) }
            if let id = run.deployID { _ = try? store.updateDeploy(id: id, step: run.stepText, state: run.json) }
            publish(run.app)
            let step = run.plan.steps[run.next]
            let result: Result<Void, DeployFailure>
            switch step {
            case .create(let group, let count):
                result = await createAndWait(group: group, count: count, cordoned: false, run: &run, launched: &launched)
            case .canary(let group):
                result = await canary(group: group, run: &run, launched: &launched)
            case .update(let ids, let start):
                let target = run.target
                result = await replace(ids, start: start, specs: { target[$0.group] }, run: &run, launched: &launched)
            case .createGreen(let blue):
                result = await createGreens(blue: blue, run: &run, launched: &launched)
            case .switchTraffic(let blue):
                result = await switchTraffic(blue: blue, run: &run)
            case .destroy(let ids):
                result = await destroyMachines(ids, run: &run)
            }
            if case .failure(let error) = result { return .failure(error) }
            run.next += 1
            saveRun(run)
        }
        return .success(())
    }

    // MARK: - Steps

    /// Drains, stops, updates (with `specs`) and, with `start`, starts the machines together, then
    /// waits for them. Each machine's spec before the change is saved first.
    func replace(
        _ ids: [String], start: Bool, specs: (MachineRecord) -> MachineSpec?, run: inout DeployRun,
        launched: inout [String: ContinuousClock.Instant], saveEach: Bool = true
    ) async -> Result<Void, DeployFailure> {
        var changes: [(String, MachineSpec)] = []
        for id in ids {
            guard let record = try? store.machine(id: id), !record.state.isTerminal, let spec = specs(record) else { continue }
            if saveEach && run.previous[id] == nil { run.previous[id] = record.spec }
            changes.append((id, spec))
        }
        saveRun(run)
        var errors: [String] = []
        await withTaskGroup(of: String?.self) { group in
            for (id, spec) in changes {
                group.addTask { await self.updateOne(id, spec: spec, start: start) }
            }
            for await error in group { if let error { errors.append(error) } }
        }
        if detached { return .failure(DeployFailure("detached", detached: true)) }
        if !errors.isEmpty { return .failure(DeployFailure(errors.joined(separator: "\n"))) }
        guard start else { return .success(()) }
        let now = ContinuousClock.now
        for (id, _) in changes { launched[id] = now }
        return await awaitDeployed(changes.map(\.0), launched: launched, run: run)
    }

    /// One machine: out of routing, stopped, given its new version, started again.
    func updateOne(_ id: String, spec: MachineSpec, start: Bool) async -> String? {
        guard let record = try? store.machine(id: id) else { return "machine \(id) is gone" }
        if machines[id]?.isRunning == true { await drain(id, app: record.app, timeout: Self.killTimeout(record.spec.stop.timeout)) }
        return await serially(id) { supervisor -> String? in
            if let error = await supervisor.performStop(id, source: .user) { return error.message }
            do throws(ControlError) {
                let current = try storeCall { () throws(StoreError) in
                    try supervisor.store.updateMachine(id: id, spec: spec, source: .user).machine
                }
                var notes: [String] = []
                try await supervisor.ensureVolume(current, mount: spec.mount, notes: &notes)
            } catch {
                return error.message
            }
            supervisor.machines[id]?.crashes = 0
            supervisor.machines[id]?.draining = false
            guard start else { return nil }
            return await supervisor.performStart(id, source: .user, fresh: true)?.message
        }
    }

    /// New machines of a group on the new version, started and waited for.
    func createAndWait(
        group: String, count: Int, cordoned: Bool, run: inout DeployRun, launched: inout [String: ContinuousClock.Instant]
    ) async -> Result<Void, DeployFailure> {
        guard let spec = run.target[group] else { return .failure(DeployFailure("the new config has no group \(group)")) }
        var ids: [String] = []
        for _ in 0..<count {
            switch await createDeployMachine(app: run.app, spec: spec, mode: run.mode, withVolume: spec.mount != nil) {
            case .success(let id):
                ids.append(id)
                run.created.append(id)
                saveRun(run)
            case .failure(let error):
                return .failure(DeployFailure(error.message))
            }
        }
        return await startAndWait(ids, cordoned: cordoned, run: run, launched: &launched)
    }

    /// Starts new machines (kept out of routing with `cordoned`) and waits for them.
    func startAndWait(_ ids: [String], cordoned: Bool, run: DeployRun, launched: inout [String: ContinuousClock.Instant])
        async -> Result<Void, DeployFailure>
    {
        for id in ids where cordoned {
            guard let record = try? store.machine(id: id) else { continue }
            var entry = SupervisedMachine(
                id: id, app: record.app, group: record.group, restart: record.spec.restart, backoff: options.restartBackoff)
            entry.cordoned = true
            machines[id] = entry
        }
        var errors: [String] = []
        await withTaskGroup(of: String?.self) { group in
            for id in ids {
                group.addTask { await self.startMachine(id, source: .user, fresh: true)?.message }
            }
            for await error in group { if let error { errors.append(error) } }
        }
        if detached { return .failure(DeployFailure("detached", detached: true)) }
        if !errors.isEmpty { return .failure(DeployFailure(errors.joined(separator: "\n"))) }
        let now = ContinuousClock.now
        for id in ids { launched[id] = now }
        return await awaitDeployed(ids, launched: launched, run: run)
    }

    /// canary: one extra machine of the new version, out of routing, started, checked and destroyed.
    func canary(group: String, run: inout DeployRun, launched: inout [String: ContinuousClock.Instant]) async
        -> Result<Void, DeployFailure>
    {
        let before = run.created
        let result = await createAndWait(group: group, count: 1, cordoned: true, run: &run, launched: &launched)
        guard case .success = result else { return result }
        for id in run.created where !before.contains(id) {
            _ = await serially(id) { await $0.performDestroy(id, source: .user) }
            launched[id] = nil
        }
        run.created = before
        saveRun(run)
        return .success(())
    }

    /// bluegreen: a green machine (new version, out of routing) for every blue one; all must pass.
    func createGreens(blue: [String], run: inout DeployRun, launched: inout [String: ContinuousClock.Instant]) async
        -> Result<Void, DeployFailure>
    {
        var ids: [String] = []
        for id in blue {
            if let green = run.greens[id], (try? store.machine(id: green)) != nil {
                ids.append(green)
                continue
            }
            guard let record = try? store.machine(id: id), let spec = run.target[record.group] else { continue }
            switch await createDeployMachine(app: run.app, spec: spec, mode: run.mode, withVolume: false) {
            case .success(let green):
                ids.append(green)
                run.greens[id] = green
                run.created.append(green)
                saveRun(run)
            case .failure(let error):
                return .failure(DeployFailure(error.message))
            }
        }
        return await startAndWait(ids, cordoned: true, run: run, launched: &launched)
    }

    /// bluegreen: green machines into routing, then the blue ones drained and stopped.
    func switchTraffic(blue: [String], run: inout DeployRun) async -> Result<Void, DeployFailure> {
        for green in run.greens.values { machines[green]?.cordoned = false }
        run.switched = true
        saveRun(run)
        publish(run.app)
        let app = run.app
        await withTaskGroup(of: Void.self) { group in
            for id in blue {
                group.addTask {
                    await self.drain(id, app: app, timeout: .seconds(30))
                    _ = await self.stopMachine(id, source: .user)
                }
            }
        }
        if detached { return .failure(DeployFailure("detached", detached: true)) }
        return .success(())
    }

    /// Machines no longer wanted: drained, stopped and destroyed (volumes kept).
    func destroyMachines(_ ids: [String], run: inout DeployRun) async -> Result<Void, DeployFailure> {
        await withTaskGroup(of: Void.self) { group in
            for id in ids {
                group.addTask { await self.destroyOne(id) }
            }
        }
        if detached { return .failure(DeployFailure("detached", detached: true)) }
        return .success(())
    }

    func destroyOne(_ id: String) async {
        guard let record = try? store.machine(id: id), !record.state.isTerminal else { return }
        if machines[id]?.isRunning == true {
            await drain(id, app: record.app, timeout: Self.killTimeout(record.spec.stop.timeout))
        }
        _ = await serially(id) { await $0.performDestroy(id, source: .user) }
    }

    // MARK: - Pieces

    /// Records a new machine with `spec` (its volume when `withVolume`, and in isolated mode its
    /// address).
    func createDeployMachine(app: String, spec: MachineSpec, mode: RuntimeMode, withVolume: Bool) async
        -> Result<String, ControlError>
    {
        do throws(ControlError) {
            var notes: [String] = []
            var volumeID: String?
            if withVolume, let mount = spec.mount {
                volumeID = try await volume(app: app, group: spec.group, mount: mount, notes: &notes).id
            }
            var address = "127.0.0.1"
            if mode == .isolated {
                guard let allocated = allocateAddress() else {
                    throw ControlError(.failed, "no free machine address in the configured range")
                }
                address = allocated.ipv4
            }
            var stored = spec
            if !withVolume { stored.mount = nil }
            let finalSpec = stored
            let created = try storeCall { () throws(StoreError) in
                try store.createMachine(
                    app: app, group: spec.group, spec: finalSpec, privateAddress: address, volumeID: volumeID,
                    source: .user)
            }
            return .success(created.machine.id)
        } catch {
            return .failure(error)
        }
    }

    /// Waits until `ids` are started with their checks passing. Fails at once when one fails, stops,
    /// crash-loops, or exits within `deploySmokeWindow` of its start, and also when a machine this
    /// deploy started earlier exits within its window; fails when the wait timeout passes first.
    func awaitDeployed(_ ids: [String], launched: [String: ContinuousClock.Instant], run: DeployRun) async
        -> Result<Void, DeployFailure>
    {
        let timeout = Duration.seconds(run.waitTimeoutSeconds)
        let deadline = ContinuousClock.now + timeout
        while true {
            if detached { return .failure(DeployFailure("detached", detached: true)) }
            for (id, at) in launched.sorted(by: { $0.key < $1.key }) {
                guard let entry = machines[id], entry.crashes > 0, at.duration(to: .now) <= Self.deploySmokeWindow,
                    let record = try? store.machine(id: id)
                else { continue }
                let exit = record.exit?.reason ?? "it exited"
                let problem = "machine \(id) (\(record.group)) exited within \(Self.deploySmokeWindow.formatted) of "
                    + "starting: \(exit)"
                return .failure(DeployFailure(await failureMessage(what: "deploy", record: record, problem: problem)))
            }
            var waiting: [String] = []
            for id in ids {
                guard let record = try? store.machine(id: id) else { continue }
                switch readiness(record, what: "the deploy") {
                case .ready: continue
                case .waiting(let text): waiting.append(text)
                case .failed(let text):
                    return .failure(DeployFailure(await failureMessage(what: "deploy", record: record, problem: text)))
                }
            }
            if waiting.isEmpty { return .success(()) }
            if ContinuousClock.now >= deadline {
                return .failure(
                    DeployFailure(
                        (["deploy timed out after \(timeout.formatted) (--wait-timeout); not ready:"]
                            + waiting.map { "  " + $0 }).joined(separator: "\n")))
            }
            try? await Task.sleep(for: options.pollInterval)
        }
    }

    /// Saves the deploy's progress in its row (a rolling restart has none).
    func saveRun(_ run: DeployRun) {
        guard !detached, let id = run.deployID else { return }
        _ = try? store.updateDeploy(id: id, state: run.json)
    }
}
