import Foundation

/// How a machine's process last ended, as the runtime observed it.
public struct MachineExit: Sendable, Equatable, Codable {
    /// The exit status, when the process exited.
    public var code: Int32?
    /// The signal that ended it, when a signal did.
    public var signal: Int32?
    /// True when the memory limit killed it (seen in the cgroup).
    public var oomKilled: Bool
    /// True when the stop was asked for (`hangar machine stop`, `down`, a deploy).
    public var requestedStop: Bool
    /// Words for people: `exec failed: no such file`, `killed after kill_timeout`, ...
    public var reason: String?
    public var exitedAt: Date

    public init(
        code: Int32? = nil, signal: Int32? = nil, oomKilled: Bool = false, requestedStop: Bool = false,
        reason: String? = nil, exitedAt: Date = Date()
    ) {
        self.code = code
        self.signal = signal
        self.oomKilled = oomKilled
        self.requestedStop = requestedStop
        self.reason = reason
        self.exitedAt = exitedAt
    }
}
