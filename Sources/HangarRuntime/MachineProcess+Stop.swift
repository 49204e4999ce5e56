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
        let exitedInTime = await withTaskGroup(of: Bool.self) { group in
            group.addTask { [exit] in
                _ = await exit.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? true
            if !first {
                state.withLock { $0.escalated = true }
                try? thaw()
                killTree()
            }
            group.cancelAll()
            return first
        }
        _ = exitedInTime
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

    /// Freezes every process of the Machine (cgroup freezer; SIGSTOP without one).
    public func freeze() throws(LaunchError) {
        if try group.freeze() { return }
        let app = state.withLock { state -> Int32? in
            state.frozenBySignal = true
            return state.appPID
        }
        if case .shared = spec.mode, let app { Glibc.kill(-app, SIGSTOP) }
        send(SIGSTOP, toInit: false)
    }

    /// Resumes a frozen Machine.
    public func thaw() throws(LaunchError) {
        if try group.thaw() { return }
        let (wasStopped, app) = state.withLock { state -> (Bool, Int32?) in
            defer { state.frozenBySignal = false }
            return (state.frozenBySignal, state.appPID)
        }
        guard wasStopped else { return }
        send(SIGCONT, toInit: false)
        if case .shared = spec.mode, let app { Glibc.kill(-app, SIGCONT) }
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
