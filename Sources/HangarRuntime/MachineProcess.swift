import CHangarShim
import Foundation
import Synchronization

/// One running Machine: its init (PID 1 of its namespaces, or a subreaper in shared mode), the app
/// under it, and its cgroups and network. Start it with `start(spec:)`, re-attach to one that
/// survived a launcher restart with `adopt(spec:pid:startTime:)`.
///
/// Every method may be called from any task; waiting never blocks the cooperative thread pool.
public final class MachineProcess: Sendable {
    public let spec: LaunchSpec
    /// The init's pid in the host's PID namespace.
    public let pid: Int32
    /// The init's start time (`/proc/PID/stat` field 22): with `pid`, its identity for re-adoption.
    public let startTime: UInt64
    /// The Machine's cgroups (empty when the host has none writable).
    public let group: ResourceGroup

    let pidfd: Int32
    /// Read end of the init's status pipe; -1 for adopted Machines (they use the exit file).
    let statusFD: Int32

    struct State {
        /// The app's pid (its process group id) as the init reported it; host pid in shared mode.
        var appPID: Int32?
        var statuses: [InitProtocol.Status] = []
        var reaped = false
        var stopRequested = false
        var escalated = false
        var frozenBySignal = false
        var initStatus: (kind: Int32, value: Int32)?
    }

    let state: Mutex<State>
    let exit = OneShot<ExitInfo>()

    init(spec: LaunchSpec, pid: Int32, pidfd: Int32, startTime: UInt64, group: ResourceGroup, statusFD: Int32, state: State) {
        self.spec = spec
        self.pid = pid
        self.pidfd = pidfd
        self.startTime = startTime
        self.group = group
        self.statusFD = statusFD
        self.state = Mutex(state)
    }

    public var id: String { spec.id }

    /// Where the host reaches the Machine: its own address, or 127.0.0.1 in shared mode.
    public var hostAddress: String {
        switch spec.mode {
        case .isolated(let address): address.ipv4
        case .shared: "127.0.0.1"
        }
    }

    /// The port the app was told to use through `$PORT` (shared mode only).
    public var port: Int? {
        if case .shared(let port) = spec.mode { return port }
        return nil
    }

    /// True once `stop` or `kill` was called: the exit was asked for (the restart policy must not
    /// restart it).
    public var stopRequested: Bool { state.withLock { $0.stopRequested } }

    /// How the Machine ended, once it has.
    public var exitInfo: ExitInfo? { exit.current }

    /// Waits until the Machine has ended and its cgroups and network are gone.
    public func wait() async -> ExitInfo {
        await exit.value
    }

    /// The host pids of every process of the Machine (from its cgroup; empty without one).
    public func processIDs() -> [Int32] {
        group.processIDs()
    }

    /// Sends `signal` to the app (the init forwards it), as Fly's `POST /signal` does.
    public func signal(_ signal: Int32) throws(LaunchError) {
        guard send(signal, toInit: true) else { throw .system("signal \(Signals.name(of: signal)) to machine \(id)", ESRCH) }
    }

    /// Rewrites the Machine's `/etc/hosts` in place (isolated mode).
    public func updateHosts(_ entries: [HostsEntry]) throws(LaunchError) {
        guard case .isolated(let address) = spec.mode else { return }
        try HostsFile.write(HostsFile.render(machineID: id, address: address, entries: entries),
                            to: MachineProcess.hostsPath(spec))
    }

    /// Sends a signal to the init while it has not been reaped (so never to a reused pid).
    @discardableResult
    func send(_ signal: Int32, toInit: Bool) -> Bool {
        state.withLock { state in
            guard !state.reaped else { return false }
            if pidfd >= 0 { return hangar_pidfd_send_signal(pidfd, signal) == 0 }
            return Glibc.kill(pid, signal) == 0
        }
    }

    static func hostsPath(_ spec: LaunchSpec) -> String { spec.runDirectory + "/hosts" }
    static func exitPath(_ spec: LaunchSpec) -> String { spec.runDirectory + "/exit" }
}
