import Foundation
import HangarRuntime

/// Typed calls, one per route, for the CLI. Fly-shaped answers are turned back into the runtime's
/// values the CLI prints.
extension APIClient {
    public func daemonInfo() async throws(APIClientError) -> DaemonInfo {
        try await call("GET", APIPaths.daemon, timeout: .seconds(5))
    }

    public func apps() async throws(APIClientError) -> [AppSummary] {
        try await call("GET", APIPaths.hangarApps)
    }

    /// Waits as long as the runtime may (the request's wait timeout, plus a minute).
    public func up(_ request: UpRequest, app: String) async throws(APIClientError) -> AppStatus {
        try await call(
            "POST", APIPaths.hangarApp(app, "up"), body: request, timeout: .seconds(request.waitTimeoutSeconds + 60))
    }

    /// Stopping machines waits for their kill timeouts.
    public func down(app: String) async throws(APIClientError) -> AppStatus {
        try await call("POST", APIPaths.hangarApp(app, "down"), timeout: .seconds(600))
    }

    public func status(app: String) async throws(APIClientError) -> AppStatus {
        try await call("GET", APIPaths.hangarApp(app))
    }

    public func machines(app: String) async throws(APIClientError) -> [MachineStatus] {
        try await status(app: app).machines
    }

    public func machine(app: String, id: String) async throws(APIClientError) -> MachineStatus {
        let machine: FlyMachine = try await call("GET", APIPaths.machine(app, id))
        return machine.machineStatus
    }

    public func machineAction(app: String, id: String, action: MachineAction) async throws(APIClientError)
        -> MachineStatus
    {
        if action == .destroy {
            let before = try await machine(app: app, id: id)
            let _: FlyOK = try await call("DELETE", APIPaths.machine(app, id), timeout: .seconds(600))
            var after = before
            after.state = "destroyed"
            return after
        }
        let _: FlyOK = try await call("POST", APIPaths.machine(app, id, action.rawValue), timeout: .seconds(600))
        return try await machine(app: app, id: id)
    }

    public func events(app: String, machine: String, limit: Int = 100) async throws(APIClientError) -> [EventSummary] {
        let events: [FlyMachineEvent] = try await call("GET", APIPaths.machine(app, machine, "events") + "?limit=\(limit)")
        return events.map { $0.summary(machine: machine) }
    }

    public func scale(app: String, counts: [String: Int]) async throws(APIClientError) -> AppStatus {
        try await call(
            "POST", APIPaths.hangarApp(app, "scale"), body: ScaleRequest(counts: counts), timeout: .seconds(900))
    }

    public func scaleShow(app: String) async throws(APIClientError) -> [GroupScaleSummary] {
        try await call("GET", APIPaths.hangarApp(app, "scale"))
    }

    /// Replacing machines waits for each to pass its checks.
    public func scaleVM(app: String, group: String?, size: String?, memoryMB: Int?) async throws(APIClientError)
        -> [GroupScaleSummary]
    {
        try await call(
            "POST", APIPaths.hangarApp(app, "scale", "vm"), body: ScaleVMRequest(group: group, size: size, memoryMB: memoryMB),
            timeout: .seconds(1800))
    }

    public func secrets(app: String) async throws(APIClientError) -> [SecretSummary] {
        let list: FlyAppSecrets = try await call("GET", APIPaths.app(app, "secrets"))
        return list.secrets.map(\.summary)
    }

    /// Sets (and with nil values unsets) secrets; rolls the machines unless `stage`.
    public func updateSecrets(app: String, values: [String: String?], stage: Bool) async throws(APIClientError)
        -> FlySecretsUpdateResponse
    {
        try await call(
            "POST", APIPaths.app(app, "secrets") + (stage ? "?stage=1" : ""), body: FlySecretsUpdateRequest(values: values),
            timeout: .seconds(1800))
    }

    public func unsetSecrets(app: String, names: [String], stage: Bool) async throws(APIClientError)
        -> FlySecretsUpdateResponse
    {
        try await call(
            "DELETE", APIPaths.app(app, "secrets") + (stage ? "?stage=1" : ""), body: FlySecretsDeleteRequest(names: names),
            timeout: .seconds(1800))
    }

    public func deploySecrets(app: String) async throws(APIClientError) -> FlySecretsUpdateResponse {
        try await call("POST", APIPaths.hangarApp(app, "secrets", "deploy"), timeout: .seconds(1800))
    }

    public func volumes(app: String) async throws(APIClientError) -> [VolumeSummary] {
        let volumes: [FlyVolume] = try await call("GET", APIPaths.app(app, "volumes"))
        return volumes.map(\.summary)
    }

    public func createVolume(app: String, name: String, sizeGB: Int) async throws(APIClientError) -> VolumeSummary {
        let volume: FlyVolume = try await call(
            "POST", APIPaths.app(app, "volumes"), body: FlyCreateVolumeRequest(name: name, sizeGB: sizeGB),
            timeout: .seconds(300))
        return volume.summary
    }

    public func tokens() async throws(APIClientError) -> [TokenSummary] {
        try await call("GET", APIPaths.tokens)
    }

    public func createToken(name: String?) async throws(APIClientError) -> TokenCreated {
        try await call("POST", APIPaths.tokens, body: TokenCreateRequest(name: name))
    }

    public func revokeToken(_ idOrName: String) async throws(APIClientError) -> TokenSummary {
        try await call("DELETE", APIPaths.tokens + "/" + PercentEncoding.encode(idOrName))
    }

    public func logs(_ query: LogQuery) async throws(APIClientError) -> [LogEntry] {
        try await call("GET", APIPaths.hangarApp(query.app, "logs") + "?" + Self.logParameters(query, follow: false).encoded)
    }

    /// Calls `onEntry` for the last `query.tail` lines, then for each new one, until the task is
    /// cancelled or the daemon ends the stream.
    public func followLogs(_ query: LogQuery, onEntry: @escaping @Sendable (LogEntry) -> Void) async throws(APIClientError)
    {
        let lines = LineSplitter()
        try await stream(APIPaths.hangarApp(query.app, "logs") + "?" + Self.logParameters(query, follow: true).encoded) {
            data in
            for line in lines.feed(data) {
                if let entry = try? APIJSON.decoder.decode(LogEntry.self, from: Data(line)) { onEntry(entry) }
            }
            return true
        }
    }

    static func logParameters(_ query: LogQuery, follow: Bool) -> QueryParameters {
        var pairs: [(name: String, value: String)] = [("tail", String(query.tail))]
        if let machine = query.machine { pairs.append(("machine", machine)) }
        if let group = query.group { pairs.append(("group", group)) }
        if follow { pairs.append(("follow", "1")) }
        return QueryParameters(pairs: pairs)
    }
}
