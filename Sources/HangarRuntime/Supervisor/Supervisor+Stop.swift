import FlyConfig
import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// Stops the machine (queued behind its other operations).
    @discardableResult
    func stopMachine(_ id: String, source: EventSource) async -> ControlError? {
        await serially(id) { supervisor in await supervisor.performStop(id, source: source) }
    }

    /// Fly's stop: `stopping` (event), kill_signal, SIGKILL after kill_timeout, `stopped` (exit
    /// event, `requested_stop`). A pending restart is cancelled and nothing restarts it afterwards.
    /// `because` says why, in the stop event (a failing check under `--restart-unhealthy`).
    func performStop(_ id: String, source: EventSource, because: String? = nil) async -> ControlError? {
        guard !detached else { return nil }
        machines[id]?.wanted = false
        machines[id]?.pendingRestart?.cancel()
        machines[id]?.pendingRestart = nil
        machines[id]?.restartToken += 1
        let record: MachineRecord?
        do throws(StoreError) {
            record = try store.machine(id: id)
        } catch {
            return ControlError(error)
        }
        guard let record else { return ControlError(.notFound, "no machine has id \(id)") }
        if await adoptIfAlive(record) { machines[id]?.wanted = false }
        guard let entry = machines[id], let process = entry.process else {
            correctStaleState(record)
            return nil
        }
        let signalName = record.spec.stop.signal
        let signal = Signals.number(named: signalName) ?? SIGINT
        let timeout = Self.killTimeout(record.spec.stop.timeout)
        do throws(StoreError) {
            try store.transition(
                machine: id, to: .stopping,
                event: MachineEvent.Draft(
                    .stop, source: source,
                    payload: EventPayload(
                        requestedStop: true,
                        reason: (because.map { $0 + ": " } ?? "")
                            + "\(Signals.name(of: signal)), then SIGKILL after \(timeout.formatted)")))
        } catch {
            return ControlError(error)
        }
        publish(record.app)
        stopChecks(id)
        runnerLog(id, "Sending signal \(Signals.name(of: signal)) to main child (kill_timeout \(timeout.formatted))")
        let info = await process.stop(signal: signal, timeout: timeout)
        handleExit(id, run: entry.run, info: info)
        return nil
    }

    /// A machine the store says is running but that has no process here (it was never re-adopted)
    /// is recorded as stopped.
    func correctStaleState(_ record: MachineRecord) {
        let running: Set<MachineState> = [.starting, .started, .stopping, .suspending, .suspended, .restarting]
        guard running.contains(record.state) else { return }
        _ = try? store.transition(
            machine: record.id, to: .stopped,
            event: MachineEvent.Draft(
                .exit, source: .hangar,
                payload: EventPayload(requestedStop: true, reason: "was not running under this supervisor")),
            update: { machine in
                machine.pid = nil
                machine.pidStartTime = nil
            })
        publish(record.app)
    }

    /// kill_timeout within Fly's bounds (0 to 300 s).
    static func killTimeout(_ timeout: FlyDuration) -> Duration {
        let nanoseconds = min(max(timeout.nanoseconds, 0), 300 * FlyDuration.second)
        return .nanoseconds(nanoseconds)
    }

    /// Stops the machine, then marks it destroyed (its volume is detached and kept) and removes its
    /// run directory and log.
    func performDestroy(_ id: String, source: EventSource) async -> ControlError? {
        if let error = await performStop(id, source: source) { return error }
        let record: MachineRecord
        do throws(StoreError) {
            record = try store.destroyMachine(id: id, source: source).machine
        } catch {
            return ControlError(error)
        }
        if let address = MachineAddress(ipv4: record.privateAddress ?? "") { AddressAllocator.release(address.index) }
        stopChecks(id)
        machines[id] = nil
        try? FileManager.default.removeItem(atPath: runDirectory(of: id))
        // The log stays, as Fly keeps a destroyed machine's logs for a while.
        logWriters[id]?.write(runnerMessage: "Machine destroyed")
        logWriters[id]?.close()
        logWriters[id] = nil
        refreshHosts(record.app)
        publish(record.app)
        return nil
    }

    /// Freezes a running machine (`suspended`); its checks pause and it leaves the hosts files.
    func performSuspend(_ id: String, source: EventSource) async -> ControlError? {
        guard let entry = machines[id], let process = entry.process, !entry.suspended else {
            return ControlError(.conflict, "machine \(id) is not running")
        }
        let frozen = await Blocking.run { Result<Void, LaunchError> { () throws(LaunchError) in try process.freeze() } }
        if case .failure(let error) = frozen { return ControlError(.failed, "machine \(id) could not be suspended: \(error)") }
        machines[id]?.suspended = true
        stopChecks(id)
        do throws(StoreError) {
            try store.transition(machine: id, to: .suspended, event: MachineEvent.Draft(.suspend, source: source))
        } catch {
            return ControlError(error)
        }
        refreshHosts(entry.app)
        publish(entry.app)
        return nil
    }

    /// Thaws a suspended machine (`started` again) and restarts its checks.
    func performResume(_ id: String, source: EventSource) async -> ControlError? {
        guard let entry = machines[id], let process = entry.process, entry.suspended else { return nil }
        do throws(LaunchError) {
            try process.thaw()
        } catch {
            return ControlError(.failed, "machine \(id) could not be resumed: \(error)")
        }
        machines[id]?.suspended = false
        let record: MachineRecord
        do throws(StoreError) {
            record = try store.transition(
                machine: id, to: .started,
                event: MachineEvent.Draft(.start, source: source, payload: EventPayload(reason: "resumed"))
            ).machine
        } catch {
            return ControlError(error)
        }
        await startChecks(id, run: entry.run, spec: record.spec, address: process.hostAddress, port: process.port)
        refreshHosts(entry.app)
        publish(entry.app)
        return nil
    }

    // MARK: - RuntimeControl

    public func down(app: String) async throws(ControlError) -> AppStatus {
        _ = try requireApp(app)
        let records = try storeCall { () throws(StoreError) in try store.machines(app: app) }
        await withTaskGroup(of: Void.self) { group in
            for record in records {
                group.addTask { await self.stopMachine(record.id, source: .user) }
            }
        }
        return try appStatus(app)
    }

    public func machineAction(app: String, machine id: String, action: MachineAction) async throws(ControlError)
        -> MachineStatus
    {
        _ = try requireApp(app)
        _ = try requireMachine(id, app: app)
        let failure: ControlError? =
            switch action {
            case .start: await startMachine(id, source: .user, fresh: true)
            case .stop: await stopMachine(id, source: .user)
            case .restart:
                await serially(id) { supervisor in
                    if let error = await supervisor.performStop(id, source: .user) { return error }
                    return await supervisor.performStart(id, source: .user, fresh: true)
                }
            case .destroy:
                await serially(id) { supervisor in await supervisor.performDestroy(id, source: .user) }
            case .suspend:
                await serially(id) { supervisor in await supervisor.performSuspend(id, source: .user) }
            }
        if let failure { throw failure }
        return machineStatus(try requireMachine(id, app: app))
    }
}
