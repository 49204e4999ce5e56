import Foundation
import HangarCore
import HangarStore

/// `hangar up --restart-unhealthy`: a machine whose check has been critical for
/// `options.unhealthyProbeLimit` probes in a row (3 by default; a probe in the grace period is
/// `warning`, never critical, so the grace period always passes first) is restarted through the
/// normal stop and start, with events naming the check. Restarts count against the machine's
/// restart budget (`max_retries` within the window, whatever the policy); once it is spent the
/// machine is left running and an event says so. Without the opt-in, checks only report.
extension Supervisor {
    /// Follows the run's critical streaks and acts on each.
    func watchUnhealthy(_ id: String, run: Int, streaks: AsyncStream<CheckState>) {
        Task { [weak self] in
            for await state in streaks {
                await self?.checkStayedCritical(id, run: run, state: state)
            }
        }
    }

    func checkStayedCritical(_ id: String, run: Int, state: CheckState) async {
        guard !detached, let entry = machines[id], entry.run == run, entry.isRunning, entry.wanted, !entry.suspended
        else { return }
        guard (try? store.app(named: entry.app))?.restartUnhealthy == true else { return }
        await serially(id) { supervisor in await supervisor.restartUnhealthy(id, run: run, state: state) }
    }

    /// The restart itself, in the machine's queue (a stop or restart that came first wins).
    func restartUnhealthy(_ id: String, run: Int, state: CheckState) async {
        guard !detached, let entry = machines[id], entry.run == run, entry.isRunning, entry.wanted, !entry.suspended
        else { return }
        let cause =
            "check \(state.name) critical for \(state.consecutiveCritical) consecutive probes (\(state.result.output))"
        guard machines[id]?.tracker.unhealthyRestart(at: .now) == true else {
            let policy = entry.tracker.spec
            let reason =
                "\(cause); not restarting: restart budget spent (max_retries \(policy.maxRetries) within "
                + "\(entry.tracker.window.formatted)), the machine keeps running"
            runnerLog(id, "Health check failing: \(reason)", level: .warn)
            _ = try? store.appendEvent(
                machine: id, event: MachineEvent.Draft(.restart, source: .hangar, payload: EventPayload(reason: reason)))
            return
        }
        runnerLog(id, "Health check failing: \(cause); restarting the machine (--restart-unhealthy)", level: .warn)
        if let error = await performStop(id, source: .hangar, because: "unhealthy: \(cause)") {
            runnerLog(id, "Could not stop the unhealthy machine: \(error.message)", level: .error)
            return
        }
        // performStop marked the machine as not wanted; the restart wants it again.
        machines[id]?.wanted = true
        _ = await performStart(id, source: .hangar, fresh: false)
    }
}
