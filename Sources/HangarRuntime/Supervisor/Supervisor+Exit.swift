import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// A machine's process ended on its own (or was killed): record it, in the machine's queue.
    func processExited(_ id: String, run: Int, info: ExitInfo) async {
        await serially(id) { supervisor in supervisor.handleExit(id, run: run, info: info) }
    }

    /// Records how the run ended and what follows, per the `[[restart]]` policy:
    /// - asked for (stop, down, destroy): `stopped`;
    /// - restart: `stopped` with `restarting`, then a restart after the backoff;
    /// - stop (never; on-failure after exit 0): `stopped` (`failed` for an exec failure under `never`);
    /// - budget spent: `failed`.
    /// Checks never enter into it.
    func handleExit(_ id: String, run: Int, info: ExitInfo) {
        guard !detached, let entry = machines[id], entry.run == run, let process = entry.process else { return }
        machines[id]?.process = nil
        machines[id]?.suspended = false
        stopChecks(id)
        outputPoller.finish(id)
        let requested = !entry.wanted || process.stopRequested
        let decision: RestartDecision =
            requested ? .stop : (machines[id]?.tracker.exited(info, at: .now) ?? .stop)
        let exit = ExitRecord.machineExit(info, requestedStop: requested)
        let restarts = machines[id]?.tracker.restarts.count ?? 0
        var payload = EventPayload(exit: exit, restarting: false, restartCount: restarts)
        let state: MachineState
        switch decision {
        case .restart(let delay):
            machines[id]?.crashes += 1
            payload.restarting = true
            state = .stopped
            scheduleRestart(id, after: delay)
        case .stop:
            if !requested && !info.isSuccess { machines[id]?.crashes += 1 }
            if case .execFailed = info, !requested {
                state = .failed
                machines[id]?.wanted = false
            } else {
                state = .stopped
            }
        case .giveUp:
            machines[id]?.crashes += 1
            machines[id]?.wanted = false
            let policy = entry.tracker.spec
            payload.reason =
                "\(ExitRecord.reason(info)); restarted \(restarts) time\(restarts == 1 ? "" : "s") within "
                + "\(entry.tracker.window.formatted) (max_retries \(policy.maxRetries)), giving up"
            state = .failed
        }
        runnerLog(id, Self.exitLine(info, decision: decision, requested: requested), level: requested ? .info : .warn)
        _ = try? store.transition(
            machine: id, to: state, event: MachineEvent.Draft(.exit, source: .hangar, payload: payload),
            update: { machine in
                machine.pid = nil
                machine.pidStartTime = nil
                machine.exit = exit
                machine.restartCount = restarts
            })
        refreshHosts(entry.app)
        publish(entry.app)
    }

    /// The runner's log line about an exit and what follows it.
    static func exitLine(_ info: ExitInfo, decision: RestartDecision, requested: Bool) -> String {
        var line = "Main child exited: \(ExitRecord.reason(info))"
        if case .oomKilled = info { line = "Out of memory: the machine was killed at its memory limit" }
        switch decision {
        case .restart(let delay): line += "; restarting in \(delay.formatted)"
        case .stop: line += requested ? "; machine stopped" : "; not restarting (restart policy)"
        case .giveUp: line += "; restart budget spent, machine failed"
        }
        return line
    }

    /// Starts the machine again after `delay`, unless something decides otherwise meanwhile (a
    /// stop, a newer restart, a user start).
    func scheduleRestart(_ id: String, after delay: Duration) {
        machines[id]?.restartToken += 1
        let token = machines[id]?.restartToken ?? 0
        machines[id]?.pendingRestart = Task { [weak self] in
            do {
                try await Task.sleep(for: delay)
            } catch {
                return
            }
            await self?.restartAfterBackoff(id, token: token)
        }
    }

    func restartAfterBackoff(_ id: String, token: Int) async {
        await serially(id) { supervisor in
            guard !supervisor.detached, let entry = supervisor.machines[id], entry.wanted, !entry.isRunning,
                entry.restartToken == token
            else { return }
            supervisor.machines[id]?.pendingRestart = nil
            _ = await supervisor.performStart(id, source: .hangar, fresh: false)
        }
    }
}
