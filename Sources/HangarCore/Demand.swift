/// What the edge tells the runtime about traffic: the runtime owns every start/stop decision, the
/// proxy only reports demand. The runtime implements this; the proxy holds it as an existential.
public protocol DemandSink: Sendable {
    /// No ready target of the service has room (below its soft limit, or below its hard limit when
    /// every target is past soft): start or thaw a stopped machine of the service, if autostart
    /// allows one. Returns once a target of the service is ready (and published in a routing
    /// table), or false when none can be woken.
    func wake(_ request: WakeRequest) async -> Bool

    /// The proxy's load per machine now (in-flight connections or requests, as the service counts
    /// them), sent whenever it changes and at least once per autostop pass. The runtime uses it to
    /// stop idle machines (autostop) and to wait for a draining machine's work to finish.
    func report(_ load: LoadReport) async
}

/// Which service needs another machine.
public struct WakeRequest: Sendable, Equatable, Codable, Hashable {
    public var app: String
    public var group: String
    public var internalPort: Int

    public init(app: String, group: String, internalPort: Int) {
        self.app = app
        self.group = group
        self.internalPort = internalPort
    }
}

/// In-flight work per machine of an app (machines with none may be left out).
public struct LoadReport: Sendable, Equatable, Codable {
    public var app: String
    public var inFlight: [String: Int]

    public init(app: String, inFlight: [String: Int]) {
        self.app = app
        self.inFlight = inFlight
    }
}
