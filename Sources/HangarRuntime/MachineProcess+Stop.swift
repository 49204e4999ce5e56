import CHangarShim
import Foundation

extension MachineProcess {
    /// Fly's stop: send `signal` (kill_signal) to the app through the init, wait up to `timeout`
    /// (kill_timeout), then SIGKILL the whole tree. Returns how the Machine ended;
    /// `.killedAfterTimeout` when the SIGKILL was needed.
    @discardableResult
    public func stop(signal: Int32 = SIGINT, timeout: Duration = .seconds(5)) async -> ExitInfo {
        if let ended = exit.current { return ended }
        state.withLock { $0.stopRequested = true }
        try? thaw()
        switch signal {
        case SIGKILL:
            killTree()
            return await wait()
        case SIGSTOP:
            // Cannot be forwarded (it would stop the init): stop the whole tree instead.
            _ = try? freeze()
        default:
            send(signal, toInit: true)
        }
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { [exit] in
                _ = await exit.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? true
            // Escalate unless the init already ended on its own at the deadline.
            let escalate = !first && state.withLock { state -> Bool in
                if !state.reaped { state.escalated = true }
                return !state.reaped
            }
            if escalate {
                try? thaw()
                killTree()
            }
            group.cancelAll()
        }
        return await wait()
    }

    /// SIGKILLs the whole tree at once (no kill_signal first).
    @discardableResult
    public func kill() async -> ExitInfo {
        if let ended = exit.current { return ended }
        state.withLock { $0.stopRequested = true }
        try? thaw()
        killTree()
        return await wait()
    }

    /// Freezes every process of the Machine and returns once they are stopped (cgroup freezer;
    /// without one, SIGSTOP to the init and the app's process group).
    public func freeze() throws(LaunchError) {
        if try group.freeze() { return }
        state.withLock { $0.frozenBySignal = true }
        let app = hostAppPID()
        if let app { Glibc.kill(-app, SIGSTOP) }
        send(SIGSTOP, toInit: false)
        // SIGSTOP takes effect when the process next leaves the kernel: wait for it.
        for _ in 0..<400 {
            let stopped = [pid, app].compactMap { $0 }.allSatisfy { ProcStat.read(pid: $0).map { $0.state == "T" || $0.state == "t" } ?? true }
            if stopped { return }
            usleep(5_000)
        }
    }

    /// Resumes a frozen Machine.
    public func thaw() throws(LaunchError) {
        if try group.thaw() { return }
        let wasStopped = state.withLock { state -> Bool in
            defer { state.frozenBySignal = false }
            return state.frozenBySignal
        }
        guard wasStopped else { return }
        send(SIGCONT, toInit: false)
        if let app = hostAppPID() { Glibc.kill(-app, SIGCONT) }
    }

    /// The app's pid in the host's PID namespace (it leads its own process group).
    func hostAppPID() -> Int32? {
        switch spec.mode {
        case .shared: return state.withLock { $0.appPID }
        case .isolated: return MachineProcess.oldestChild(of: pid)
        }
    }

    /// True while the Machine's cgroup is frozen.
    public var isFrozen: Bool {
        group.isFrozen || state.withLock { $0.frozenBySignal }
    }

    /// SIGKILL for every process of the Machine.
    ///
    /// Isolated: killing the init (PID 1) makes the kernel kill and reap its whole PID namespace.
    /// Shared: kill everything but the init first, so the init (a subreaper) reaps the tree and
    /// reports; then the init itself if it lingers.
    func killTree() {
        switch spec.mode {
        case .isolated:
            send(SIGKILL, toInit: true)
            group.killAll()
        case .shared:
            let app = state.withLock { $0.appPID }
            if !group.killAll(except: pid), let app { Glibc.kill(-app, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) { [self] in
                guard exit.current == nil else { return }
                send(SIGKILL, toInit: true)
                group.killAll()
            }
        }
    }
}
