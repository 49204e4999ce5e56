import HangarAPI
import HangarRuntime
import Synchronization

/// An in-memory `RuntimeControl` with the real runtime's contract: unknown apps and machines are
/// `not_found`, every mutating call is recorded, and `snapshot()` shows the whole state so a test
/// can assert that a refused request changed nothing.
actor FakeRuntime: RuntimeControl {
    struct App: Sendable, Equatable {
        var status: AppStatus
        var configPath: String
        var secrets: [String: String] = [:]
        var secretSummaries: [SecretSummary] = []
        var volumes: [VolumeSummary] = []
        var events: [EventSummary] = []
    }

    private(set) var apps: [String: App] = [:]
    private(set) var calls: [String] = []
    private(set) var logEntries: [LogEntry] = []
    private var followers: [Int: (LogQuery, AsyncStream<LogEntry>.Continuation)] = [:]
    private var nextID = 0x3d8d9a1c2e4f00
    private var nextFollower = 0
    /// Followers whose stream ended (the client went away or the server stopped).
    let endedFollowers = Mutex(0)
    /// Thrown by the next call, to test error mapping.
    var failure: ControlError?

    init() {}

    func fail(with error: ControlError?) { failure = error }

    func snapshot() -> String {
        "\(apps.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" })"
    }

    var followerCount: Int { followers.count }

    /// Adds an app directly (as if `up` had run), with `machines` per group.
    func seed(app: String, groups: [String: Int] = ["app": 1]) {
        var machines: [MachineStatus] = []
        for (group, count) in groups.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<count { machines.append(makeMachine(group: group)) }
        }
        apps[app] = App(status: AppStatus(app: app, mode: .shared, machines: machines), configPath: "/srv/\(app)/fly.toml")
    }

    /// Writes a log line: kept for `logs`, and sent to matching followers.
    func emit(_ entry: LogEntry) {
        logEntries.append(entry)
        for (query, continuation) in followers.values where Self.matches(entry, query) {
            continuation.yield(entry)
        }
    }

    private func checkFailure() throws(ControlError) {
        if let failure {
            self.failure = nil
            throw failure
        }
    }

    private func app(_ name: String) throws(ControlError) -> App {
        guard let app = apps[name] else { throw ControlError(.notFound, "app \(name) not found") }
        return app
    }

    private func makeMachine(group: String) -> MachineStatus {
        nextID += 1
        let hex = String(nextID, radix: 16)
        let id = String(repeating: "0", count: max(0, 14 - hex.count)) + hex
        return MachineStatus(
            id: id, group: group, version: "01JD0000000000000000000000", state: "started",
            checks: [MachineCheckStatus(name: "servicecheck-00-http-8080", status: "passing", output: "200 OK", updatedAt: "2026-11-22T14:00:00Z")],
            memoryMB: 256, address: "127.0.0.1", port: 20000, updatedAt: "2026-11-22T14:00:00Z")
    }

    func up(_ request: UpRequest) async throws(ControlError) -> AppStatus {
        try checkFailure()
        calls.append("up \(request.appName ?? "-")")
        guard let name = request.appName else { throw ControlError(.invalid, "no app name") }
        if request.configPath.hasSuffix("broken.toml") {
            throw ControlError(.invalidConfig, "fly.toml:3:1: error[HG204]: broken")
        }
        if var existing = apps[name] {
            for index in existing.status.machines.indices { existing.status.machines[index].state = "started" }
            apps[name] = existing
            return existing.status
        }
        apps[name] = App(
            status: AppStatus(app: name, mode: request.mode == .auto ? .shared : request.mode, machines: [makeMachine(group: "app")]),
            configPath: request.configPath)
        return try app(name).status
    }

    func down(app name: String) async throws(ControlError) -> AppStatus {
        try checkFailure()
        var app = try app(name)
        calls.append("down \(name)")
        for index in app.status.machines.indices { app.status.machines[index].state = "stopped" }
        apps[name] = app
        return app.status
    }

    func status(app name: String) async throws(ControlError) -> AppStatus {
        try checkFailure()
        return try app(name).status
    }

    func apps() async -> [AppSummary] {
        apps.values.sorted { $0.status.app < $1.status.app }.map {
            AppSummary(
                name: $0.status.app, configPath: $0.configPath, machines: $0.status.machines.count,
                started: $0.status.machines.filter { $0.state == "started" }.count)
        }
    }

    func machineAction(app name: String, machine id: String, action: MachineAction) async throws(ControlError)
        -> MachineStatus
    {
        try checkFailure()
        var app = try app(name)
        guard let index = app.status.machines.firstIndex(where: { $0.id == id }) else {
            throw ControlError(.notFound, "machine \(id) not found in app \(name)")
        }
        calls.append("\(action.rawValue) \(name) \(id)")
        var machine = app.status.machines[index]
        switch action {
        case .start, .restart: machine.state = "started"
        case .stop: machine.state = "stopped"
        case .suspend: machine.state = "suspended"
        case .destroy:
            guard machine.state != "started" else {
                throw ControlError(.conflict, "machine \(id) is started; stop it first")
            }
            machine.state = "destroyed"
        }
        app.events.append(EventSummary(machine: id, type: action.rawValue, status: machine.state, source: "user", timestamp: "2026-11-22T14:00:01Z"))
        if action == .destroy {
            app.status.machines.remove(at: index)
        } else {
            app.status.machines[index] = machine
        }
        apps[name] = app
        return machine
    }

    func scale(app name: String, counts: [String: Int]) async throws(ControlError) -> AppStatus {
        try checkFailure()
        var app = try app(name)
        let groups = Set(app.status.machines.map(\.group)).union(["app"])
        for group in counts.keys where !groups.contains(group) {
            throw ControlError(.invalid, "process group \(group) is not defined in the app's fly.toml")
        }
        calls.append("scale \(name) \(counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
        for (group, count) in counts.sorted(by: { $0.key < $1.key }) {
            var current = app.status.machines.filter { $0.group == group }
            while current.count < count { current.append(makeMachine(group: group)) }
            current = Array(current.prefix(count))
            app.status.machines = app.status.machines.filter { $0.group != group } + current
        }
        apps[name] = app
        return app.status
    }

    func setSecrets(app name: String, values: [String: String]) async throws(ControlError) -> [SecretSummary] {
        try checkFailure()
        var app = try app(name)
        calls.append("setSecrets \(name) \(values.keys.sorted().joined(separator: ","))")
        for (key, value) in values {
            app.secrets[key] = value
            app.secretSummaries.removeAll { $0.name == key }
            app.secretSummaries.append(SecretSummary(name: key, digest: "digest-\(value.utf8.count)", createdAt: "2026-11-22T14:00:00Z"))
        }
        app.secretSummaries.sort { $0.name < $1.name }
        apps[name] = app
        return app.secretSummaries
    }

    func unsetSecrets(app name: String, names: [String]) async throws(ControlError) -> [SecretSummary] {
        try checkFailure()
        var app = try app(name)
        for key in names where app.secrets[key] == nil {
            throw ControlError(.notFound, "secret \(key) is not set on app \(name)")
        }
        calls.append("unsetSecrets \(name) \(names.joined(separator: ","))")
        for key in names {
            app.secrets[key] = nil
            app.secretSummaries.removeAll { $0.name == key }
        }
        apps[name] = app
        return app.secretSummaries
    }

    func secrets(app name: String) async throws(ControlError) -> [SecretSummary] {
        try checkFailure()
        return try app(name).secretSummaries
    }

    func secretValue(app: String, name: String) -> String? { apps[app]?.secrets[name] }

    func updateSecrets(app name: String, set values: [String: String], unset names: [String], stage: Bool)
        async throws(ControlError) -> SecretsUpdate
    {
        var secrets: [SecretSummary] = []
        if !names.isEmpty { secrets = try await unsetSecrets(app: name, names: names) }
        if !values.isEmpty { secrets = try await setSecrets(app: name, values: values) }
        calls.append("updateSecrets stage=\(stage)")
        return SecretsUpdate(secrets: secrets, changed: (Array(values.keys) + names).sorted(), restarted: [])
    }

    func deploySecrets(app name: String) async throws(ControlError) -> SecretsUpdate {
        SecretsUpdate(secrets: try await secrets(app: name), changed: [], restarted: [])
    }

    func stagedSecrets(app name: String) async throws(ControlError) -> [SecretSummary] {
        try await secrets(app: name)
    }

    func createVolume(app name: String, name volume: String, sizeGB: Int) async throws(ControlError) -> VolumeSummary {
        try checkFailure()
        var app = try app(name)
        calls.append("createVolume \(name) \(volume) \(sizeGB)")
        let id = "vol_" + String(repeating: "a", count: 15) + String(app.volumes.count % 10)
        let summary = VolumeSummary(id: id, name: volume, sizeGB: sizeGB, attachedMachine: nil, createdAt: "2026-11-22T14:00:00Z")
        app.volumes.append(summary)
        apps[name] = app
        return summary
    }

    func volumes(app name: String) async throws(ControlError) -> [VolumeSummary] {
        try checkFailure()
        return try app(name).volumes
    }

    private func volume(_ name: String, _ id: String) throws(ControlError) -> VolumeSummary {
        guard let volume = try app(name).volumes.first(where: { $0.id == id }) else {
            throw ControlError(.notFound, "app \(name) has no volume \(id)")
        }
        return volume
    }

    func extendVolume(app name: String, volume id: String, sizeGB: Int) async throws(ControlError) -> VolumeSummary {
        try checkFailure()
        var found = try volume(name, id)
        guard sizeGB > found.sizeGB else { throw ControlError(.invalid, "volumes only grow") }
        calls.append("extendVolume \(name) \(id) \(sizeGB)")
        found.sizeGB = sizeGB
        apps[name]?.volumes = try app(name).volumes.map { $0.id == id ? found : $0 }
        return found
    }

    func destroyVolume(app name: String, volume id: String) async throws(ControlError) -> VolumeSummary {
        try checkFailure()
        var found = try volume(name, id)
        calls.append("destroyVolume \(name) \(id)")
        apps[name]?.volumes.removeAll { $0.id == id }
        found.state = "destroyed"
        return found
    }

    func createSnapshot(app name: String, volume id: String) async throws(ControlError) -> SnapshotSummary {
        try checkFailure()
        let found = try volume(name, id)
        calls.append("createSnapshot \(name) \(id)")
        return SnapshotSummary(
            id: "vs_" + String(repeating: "a", count: 16), volume: id, sizeGB: found.sizeGB, storedBytes: 0,
            createdAt: "2026-11-22T14:00:00Z")
    }

    func snapshots(app name: String, volume id: String) async throws(ControlError) -> [SnapshotSummary] {
        try checkFailure()
        _ = try volume(name, id)
        return []
    }

    func forkVolume(app name: String, volume id: String, name forkName: String?) async throws(ControlError) -> VolumeSummary {
        let found = try volume(name, id)
        return try await createVolume(app: name, name: forkName ?? found.name, sizeGB: found.sizeGB)
    }

    func logs(_ query: LogQuery) async throws(ControlError) -> [LogEntry] {
        try checkFailure()
        _ = try app(query.app)
        return Array(logEntries.filter { Self.matches($0, query) }.suffix(query.tail))
    }

    func followLogs(_ query: LogQuery) async throws(ControlError) -> AsyncStream<LogEntry> {
        try checkFailure()
        _ = try app(query.app)
        let (stream, continuation) = AsyncStream<LogEntry>.makeStream()
        nextFollower += 1
        let id = nextFollower
        followers[id] = (query, continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.followerEnded(id) }
        }
        return stream
    }

    private func followerEnded(_ id: Int) {
        if followers.removeValue(forKey: id) != nil { endedFollowers.withLock { $0 += 1 } }
    }

    func events(app name: String, machine: String?, limit: Int) async throws(ControlError) -> [EventSummary] {
        try checkFailure()
        let app = try app(name)
        if let machine, !app.status.machines.contains(where: { $0.id == machine }),
            !app.events.contains(where: { $0.machine == machine })
        {
            throw ControlError(.notFound, "machine \(machine) not found in app \(name)")
        }
        // Newest first, as the real runtime (and `fly machine status`) lists them.
        return Array(app.events.filter { machine == nil || $0.machine == machine }.suffix(limit).reversed())
    }

    static func matches(_ entry: LogEntry, _ query: LogQuery) -> Bool {
        (query.machine == nil || query.machine == entry.machine) && (query.group == nil || query.group == entry.group)
    }
}
