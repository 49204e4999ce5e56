/// One machine behind a service, as the edge needs it: where to connect and whether it may.
public struct Target: Sendable, Equatable, Codable, Hashable {
    public var machineID: String
    public var group: String
    /// The machine's version (release) for headers and logs.
    public var version: String
    /// The address to connect to (`169.254.x.y` in isolated mode, `127.0.0.1` in shared mode).
    public var host: String
    /// The port on `host`: the service's `internal_port`, or `$PORT` in shared mode.
    public var port: Int
    public var state: TargetState

    public init(machineID: String, group: String, version: String, host: String, port: Int, state: TargetState) {
        self.machineID = machineID
        self.group = group
        self.version = version
        self.host = host
        self.port = port
        self.state = state
    }
}

/// Where a target stands for routing.
public enum TargetState: String, Sendable, Codable, Hashable, CaseIterable {
    /// Started and every check of its service is passing: takes new traffic.
    case ready
    /// Started, but a check of its service is not passing: no new traffic.
    case unhealthy
    /// Being started (or restarted): no traffic yet.
    case starting
    /// About to be stopped or replaced: in-flight work finishes, nothing new arrives.
    case draining
    /// Stopped, and `auto_start_machines` may start it on demand.
    case stopped
    /// Frozen (`auto_stop_machines = "suspend"`); waking thaws it.
    case suspended
    /// Failed, destroyed or otherwise out of service.
    case unavailable
}
