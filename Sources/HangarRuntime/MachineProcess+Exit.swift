import CHangarShim
import Foundation

extension MachineProcess {
    /// Runs once the init has ended (on a dispatch queue): reap it, work out why the Machine
    /// ended, release its cgroups and network, then wake every `wait()`.
    func finish() {
        // Leftovers (shared mode after the init was SIGKILLed) go first. Without cgroups the init's
        // own cleanup (it is a subreaper) and killTree's process-group kill are all there is.
        group.killAll()

        state.withLock { state in
            var kind: Int32 = 0, value: Int32 = 0
            let waited = pidfd >= 0 ? hangar_wait_pidfd(pidfd, 0, &kind, &value) : hangar_wait_pid(pid, 0, &kind, &value)
            if waited == 0 && kind != 0 { state.initStatus = (kind, value) }
            state.reaped = true
        }

        var statuses: [InitProtocol.Status]
        if statusFD >= 0 {
            let rest = String(decoding: FileDescriptors.readAll(statusFD), as: UTF8.self)
            statuses = state.withLock { $0.statuses } + InitProtocol.Status.all(in: rest)
        } else {
            statuses = InitProtocol.Status.all(in: ControlFile.read(MachineProcess.exitPath(spec)) ?? "")
        }
        let info = exitInfo(statuses: statuses, oomKills: group.oomKills())

        group.remove()
        if case .isolated(let address) = spec.mode { MachineNetwork.tearDown(address) }
        if statusFD >= 0 { close(statusFD) }
        if pidfd >= 0 { close(pidfd) }
        // The exit file stays (a second observer, such as an adopting launcher, reads it); the
        // next start removes it.
        exit.complete(info)
    }

    /// Why the Machine ended, from what the init reported, the init's own status and the cgroup.
    func exitInfo(statuses: [InitProtocol.Status], oomKills: Int) -> ExitInfo {
        let (escalated, initStatus) = state.withLock { ($0.escalated, $0.initStatus) }
        if escalated { return .killedAfterTimeout }
        var final: ExitInfo?
        for status in statuses {
            switch status {
            case .execFailed(let stage, let code):
                return .execFailed(message: InitProtocol.Status.execFailureMessage(
                    stage: stage, errno: code, argv: spec.argv, workingDirectory: spec.workingDirectory))
            case .exited(let code): final = .exited(code: code)
            case .signaled(let signal): final = .signaled(signal: signal)
            case .running, .setupFailed: continue
            }
        }
        if final == nil, let initStatus {
            // No report: the init itself was killed (or failed before starting the app).
            final = initStatus.kind == 1 ? .exited(code: initStatus.value) : .signaled(signal: initStatus.value)
        }
        let ended = final ?? .signaled(signal: SIGKILL)
        if oomKills > 0 && (ended == .signaled(signal: SIGKILL) || ended == .exited(code: 128 + SIGKILL)) {
            return .oomKilled
        }
        return ended
    }
}
