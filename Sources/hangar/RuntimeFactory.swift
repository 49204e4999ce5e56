import HangarAPI
import HangarRuntime
import HangarStore

/// What the daemon runs: the runtime behind the API, how it re-adopts machines at start, and how
/// it lets go of them at a graceful stop (machines keep running: the daemon is the host agent, and
/// the next daemon re-adopts them).
struct DaemonRuntime: Sendable {
    let control: any RuntimeControl
    let recover: @Sendable () async throws -> Void
    let shutdown: @Sendable () async -> Void
}

/// The one place that chooses the daemon's runtime.
enum RuntimeFactory {
    static func make(store: HangarStore, log: DaemonLog) async throws -> DaemonRuntime {
        DaemonRuntime(control: UnavailableRuntime(), recover: {}, shutdown: {})
    }
}

/// Answers every call with a failure: a build of Hangar without a runtime.
struct UnavailableRuntime: RuntimeControl {
    static let error = ControlError(.failed, "this build of hangar has no runtime")

    func up(_ request: UpRequest) async throws(ControlError) -> AppStatus { throw Self.error }
    func down(app: String) async throws(ControlError) -> AppStatus { throw Self.error }
    func status(app: String) async throws(ControlError) -> AppStatus { throw Self.error }
    func apps() async -> [AppSummary] { [] }
    func machineAction(app: String, machine: String, action: MachineAction) async throws(ControlError) -> MachineStatus {
        throw Self.error
    }
    func scale(app: String, counts: [String: Int]) async throws(ControlError) -> AppStatus { throw Self.error }
    func setSecrets(app: String, values: [String: String]) async throws(ControlError) -> [SecretSummary] {
        throw Self.error
    }
    func unsetSecrets(app: String, names: [String]) async throws(ControlError) -> [SecretSummary] { throw Self.error }
    func secrets(app: String) async throws(ControlError) -> [SecretSummary] { throw Self.error }
    func createVolume(app: String, name: String, sizeGB: Int) async throws(ControlError) -> VolumeSummary {
        throw Self.error
    }
    func volumes(app: String) async throws(ControlError) -> [VolumeSummary] { throw Self.error }
    func logs(_ query: LogQuery) async throws(ControlError) -> [LogEntry] { throw Self.error }
    func followLogs(_ query: LogQuery) async throws(ControlError) -> AsyncStream<LogEntry> { throw Self.error }
    func events(app: String, machine: String?, limit: Int) async throws(ControlError) -> [EventSummary] {
        throw Self.error
    }
}
