import Foundation
import HangarRuntime

/// Typed calls, one per route, for the CLI.
extension APIClient {
    public func daemonInfo() async throws(APIClientError) -> DaemonInfo {
        try await call("GET", APIPaths.daemon, timeout: .seconds(5))
    }

    public func apps() async throws(APIClientError) -> [AppSummary] {
        try await call("GET", APIPaths.apps)
    }

    /// Waits as long as the runtime may (the request's wait timeout, plus a minute).
    public func up(_ request: UpRequest, app: String) async throws(APIClientError) -> AppStatus {
        try await call(
            "POST", APIPaths.app(app, "up"), body: request, timeout: .seconds(request.waitTimeoutSeconds + 60))
    }

    /// Stopping machines waits for their kill timeouts.
    public func down(app: String) async throws(APIClientError) -> AppStatus {
        try await call("POST", APIPaths.app(app, "down"), timeout: .seconds(600))
    }

    public func status(app: String) async throws(APIClientError) -> AppStatus {
        try await call("GET", APIPaths.app(app, "status"))
    }

    public func machines(app: String) async throws(APIClientError) -> [MachineStatus] {
        try await call("GET", APIPaths.app(app, "machines"))
    }

    public func machine(app: String, id: String) async throws(APIClientError) -> MachineStatus {
        try await call("GET", APIPaths.machine(app, id))
    }

    public func machineAction(app: String, id: String, action: MachineAction) async throws(APIClientError)
        -> MachineStatus
    {
        if action == .destroy { return try await call("DELETE", APIPaths.machine(app, id), timeout: .seconds(600)) }
        return try await call("POST", APIPaths.machine(app, id, action.rawValue), timeout: .seconds(600))
    }

    public func events(app: String, machine: String, limit: Int = 100) async throws(APIClientError) -> [EventSummary] {
        try await call("GET", APIPaths.machine(app, machine, "events") + "?limit=\(limit)")
    }

    public func scale(app: String, counts: [String: Int]) async throws(APIClientError) -> AppStatus {
        try await call("POST", APIPaths.app(app, "scale"), body: ScaleRequest(counts: counts), timeout: .seconds(900))
    }

    public func secrets(app: String) async throws(APIClientError) -> [SecretSummary] {
        try await call("GET", APIPaths.app(app, "secrets"))
    }

    public func setSecrets(app: String, values: [String: String]) async throws(APIClientError) -> [SecretSummary] {
        try await call("POST", APIPaths.app(app, "secrets"), body: SecretsSetRequest(values: values), timeout: .seconds(900))
    }

    public func unsetSecrets(app: String, names: [String]) async throws(APIClientError) -> [SecretSummary] {
        try await call(
            "DELETE", APIPaths.app(app, "secrets"), body: SecretsUnsetRequest(names: names), timeout: .seconds(900))
    }

    public func volumes(app: String) async throws(APIClientError) -> [VolumeSummary] {
        try await call("GET", APIPaths.app(app, "volumes"))
    }

    public func createVolume(app: String, name: String, sizeGB: Int) async throws(APIClientError) -> VolumeSummary {
        try await call(
            "POST", APIPaths.app(app, "volumes"), body: VolumeCreateRequest(name: name, sizeGB: sizeGB),
            timeout: .seconds(300))
    }

    public func logs(_ query: LogQuery) async throws(APIClientError) -> [LogEntry] {
        try await call("GET", APIPaths.app(query.app, "logs") + "?" + Self.logParameters(query, follow: false).encoded)
    }

    /// Calls `onEntry` for the last `query.tail` lines, then for each new one, until the task is
    /// cancelled or the daemon ends the stream.
    public func followLogs(_ query: LogQuery, onEntry: @escaping @Sendable (LogEntry) -> Void) async throws(APIClientError)
    {
        let lines = LineSplitter()
        try await stream(APIPaths.app(query.app, "logs") + "?" + Self.logParameters(query, follow: true).encoded) {
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
