/// The details an event carries (Fly's `request.exit_event` and friends), stored as JSON with
/// snake_case keys. Never holds secret values.
public struct EventPayload: Sendable, Equatable, Codable {
    public var exitCode: Int32?
    public var signal: Int32?
    public var oomKilled: Bool?
    public var requestedStop: Bool?
    public var restarting: Bool?
    public var restartCount: Int?
    /// Words for people: why it stopped, what failed.
    public var reason: String?
    /// The machine version the event concerns (for `launch` and `update`).
    public var version: String?

    public init(
        exitCode: Int32? = nil, signal: Int32? = nil, oomKilled: Bool? = nil, requestedStop: Bool? = nil,
        restarting: Bool? = nil, restartCount: Int? = nil, reason: String? = nil, version: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.oomKilled = oomKilled
        self.requestedStop = requestedStop
        self.restarting = restarting
        self.restartCount = restartCount
        self.reason = reason
        self.version = version
    }

    /// The payload of an exit event.
    public init(exit: MachineExit, restarting: Bool? = nil, restartCount: Int? = nil) {
        self.init(
            exitCode: exit.code, signal: exit.signal, oomKilled: exit.oomKilled, requestedStop: exit.requestedStop,
            restarting: restarting, restartCount: restartCount, reason: exit.reason)
    }

    enum CodingKeys: String, CodingKey {
        case exitCode = "exit_code"
        case signal
        case oomKilled = "oom_killed"
        case requestedStop = "requested_stop"
        case restarting
        case restartCount = "restart_count"
        case reason
        case version
    }
}
