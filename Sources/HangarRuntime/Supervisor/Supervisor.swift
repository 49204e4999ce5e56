import Foundation
import HangarCore
import HangarStore

/// Makes the world match the plan: the one owner of machine states on this host, for any number
/// of apps.
///
/// The store is the truth. Every state change goes through `HangarStore.transition` (the event is
/// written in the same transaction) and only then is published to `updates()` subscribers. The
/// actor keeps what the store cannot: the running `MachineProcess` handles, their `CheckRunner`s,
/// restart budgets and pending restarts.
///
/// Operations on one machine (start, stop, an exit, a restart after its backoff) run one at a time
/// in arrival order; operations on different machines interleave. A daemon calls `recover()` once
/// after creating the supervisor, to re-adopt the machines that survived its restart.
public actor Supervisor: RuntimeControl {
    public nonisolated let store: HangarStore
    public nonisolated let options: SupervisorOptions
    /// `<home>/logs`: each machine's log (see `LogWriter`, `LogReader`).
    nonisolated let logDirectory: String
    /// Copies machine output into the logs.
    nonisolated let outputPoller: MachineOutputPoller
    /// `<home>/run`: one directory per machine (hosts file, exit record, port).
    nonisolated let runDirectory: String

    var machines: [String: SupervisedMachine] = [:]
    var appRuntimes: [String: AppRuntime] = [:]
    var queues: [String: Task<Void, Never>] = [:]
    /// Apps whose hosts files are about to be rewritten.
    var hostsRefreshes: Set<String> = []
    /// Each machine's log writer, for as long as the machine exists.
    var logWriters: [String: LogWriter] = [:]
    private var subscribers: [Int: AsyncStream<AppStatus>.Continuation] = [:]
    private var nextSubscriber = 0
    /// Readers of `routingUpdates()` (the proxy).
    var routingSubscribers: [Int: AsyncStream<RoutingTable>.Continuation] = [:]
    /// The proxy's latest load report per app.
    var loads: [String: LoadReport] = [:]
    /// Drains waiting for the next load report.
    var drainWaiters: [CheckedContinuation<Void, Never>] = []
    /// Set by `detach()`: the supervisor no longer acts on anything.
    var detached = false
    /// Peak load per machine since the last autostop pass.
    var idle = IdleController()
    /// The autostop loop (started by the first `up` or `recover`).
    var autostopLoop: Task<Void, Never>?
    /// What each recent autostop pass stopped or suspended (newest last, a bounded history).
    var autostopHistory: [AutostopPass] = []
    /// Wakes under way per service, and the machines they claimed.
    var wakes: [WakeRequest: [WakeSlot]] = [:]
    var wakeClaims: Set<String> = []
    var nextWakeToken = 0

    public init(store: HangarStore, options: SupervisorOptions = SupervisorOptions()) {
        self.store = store
        self.options = options
        self.logDirectory = LogFiles(location: store.location).directory
        self.outputPoller = MachineOutputPoller(interval: options.pollInterval)
        self.runDirectory = store.location.home + "/run"
    }

    // MARK: - Snapshots

    /// A stream of app snapshots: one after every machine state change (and check status change),
    /// for the app it concerns. It ends when the caller stops iterating or the supervisor detaches.
    public func updates() -> AsyncStream<AppStatus> {
        let (stream, continuation) = AsyncStream<AppStatus>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let id = nextSubscriberID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    func nextSubscriberID() -> Int {
        defer { nextSubscriber += 1 }
        return nextSubscriber
    }

    private func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }

    /// Tells subscribers how the app stands now (after a change was stored).
    func publish(_ app: String) {
        publishRoutes()
        guard !subscribers.isEmpty, !detached, let status = try? appStatus(app) else { return }
        for continuation in subscribers.values { continuation.yield(status) }
    }

    // MARK: - One operation at a time per machine

    /// Runs `body` after every earlier operation queued under `key` has finished.
    func serially<T: Sendable>(_ key: String, _ body: @escaping @Sendable (isolated Supervisor) async -> T) async -> T {
        let previous = queues[key]
        let task = Task { () async -> T in
            await previous?.value
            return await body(self)
        }
        let tail = Task<Void, Never> { _ = await task.value }
        queues[key] = tail
        let result = await task.value
        if queues[key] == tail { queues[key] = nil }
        return result
    }

    // MARK: - Leaving

    /// Stops supervising without touching any machine: checks and pending restarts end, exits are
    /// no longer recorded, and the machines keep running for the next supervisor to re-adopt (what
    /// a daemon restart does; tests use it to simulate one).
    public func detach() async {
        detached = true
        autostopLoop?.cancel()
        autostopLoop = nil
        let runners = machines.values.compactMap(\.checks)
        for entry in machines.values { entry.pendingRestart?.cancel() }
        machines.removeAll()
        outputPoller.stop()
        for writer in logWriters.values { writer.close() }
        logWriters.removeAll()
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
        for continuation in routingSubscribers.values { continuation.finish() }
        routingSubscribers.removeAll()
        let waiting = drainWaiters
        drainWaiters.removeAll()
        for waiter in waiting { waiter.resume() }
        for runner in runners { await runner.stop() }
    }

    /// Stops every machine of every app (kill_signal, then SIGKILL after kill_timeout), keeping
    /// their state. For a host shutting down, and for tests.
    public func stopAll() async {
        let names = (try? store.apps().map(\.name)) ?? []
        for name in names { _ = try? await down(app: name) }
    }

    // MARK: - Shared pieces

    /// The machine's log writer (made on first use); nil when the log directory cannot be made.
    func logWriter(_ record: MachineRecord) -> LogWriter? {
        if let writer = logWriters[record.id] { return writer }
        guard
            let writer = try? LogWriter(
                directory: logDirectory, app: record.app, machineID: record.id, processGroup: record.group)
        else { return nil }
        logWriters[record.id] = writer
        return writer
    }

    /// A line of Hangar's own about the machine (`runner[<id>] local [info] ...`) in its log.
    func runnerLog(_ id: String, _ message: String, level: LogLevel = .info) {
        logWriters[id]?.write(runnerMessage: message, level: level)
    }

    /// The run directory of a machine.
    nonisolated func runDirectory(of machine: String) -> String { runDirectory + "/" + machine }

    /// Reads the app's record, or throws `.notFound`.
    func requireApp(_ app: String) throws(ControlError) -> AppRecord {
        let record: AppRecord?
        do throws(StoreError) {
            record = try store.app(named: app)
        } catch {
            throw ControlError(error)
        }
        guard let record else {
            throw ControlError(.notFound, "app \(app) is not registered (run `hangar up` in its directory first)")
        }
        return record
    }

    /// The machine `id` of `app`, or `.invalid` (malformed id) / `.notFound`.
    func requireMachine(_ id: String, app: String) throws(ControlError) -> MachineRecord {
        do throws(StoreError) {
            try NameRules.validateMachineID(id)
            guard let record = try store.machine(id: id), record.app == app else {
                throw StoreError(.notFound, "app \(app) has no machine \(id)")
            }
            return record
        } catch {
            throw ControlError(error)
        }
    }

    /// The mode a stored machine runs in: isolated when its private address is a machine address.
    nonisolated func mode(of record: MachineRecord) -> RuntimeMode {
        MachineAddress(ipv4: record.privateAddress ?? "") != nil ? .isolated : .shared
    }

    /// The mode of an app's machines: what the last `up` chose, else what its machines run in.
    func mode(ofApp app: String, records: [MachineRecord]) -> RuntimeMode? {
        if let known = appRuntimes[app]?.mode { return known }
        if records.contains(where: { mode(of: $0) == .isolated }) { return .isolated }
        return records.isEmpty ? nil : .shared
    }
}
