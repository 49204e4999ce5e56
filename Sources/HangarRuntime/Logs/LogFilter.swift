/// Which lines `hangar logs` shows: `--machine`, `-a/--app`, `--process`, `--region`.
/// A nil field does not filter.
public struct LogFilter: Sendable, Hashable {
    /// Only these machines (nil: every machine with a log file).
    public var machineIDs: [String]?
    public var app: String?
    public var processGroup: String?
    public var region: String?

    public init(machineIDs: [String]? = nil, app: String? = nil, processGroup: String? = nil, region: String? = nil) {
        self.machineIDs = machineIDs
        self.app = app
        self.processGroup = processGroup
        self.region = region
    }

    public func matches(_ line: LogLine) -> Bool {
        if let machineIDs, !machineIDs.contains(line.machineID) { return false }
        if let app, line.app != app { return false }
        if let processGroup, line.processGroup != processGroup { return false }
        if let region, line.region != region { return false }
        return true
    }
}
