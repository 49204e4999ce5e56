/// Where the daemon of a state directory keeps its socket, log and lock.
public struct DaemonPaths: Sendable, Equatable {
    public let home: String

    public init(home: String) {
        self.home = home
    }

    /// The API socket (mode 0600).
    public var socket: String { home + "/hangar.sock" }
    /// The daemon's own log (and, when `hangar up` starts it, its standard output and error).
    public var log: String { home + "/daemon.log" }
    /// Held (flock) by the running daemon; holds its pid.
    public var lock: String { home + "/daemon.lock" }
}
