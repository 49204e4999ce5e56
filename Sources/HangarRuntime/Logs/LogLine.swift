/// One log line of one machine, as kept on disk and shown by `hangar logs`.
public struct LogLine: Sendable, Hashable {
    /// When Hangar read the line (UTC, microseconds).
    public var timestamp: LogTimestamp
    public var app: String
    /// The machine's 14-hex-character id.
    public var machineID: String
    public var processGroup: String
    /// Always `local` on one host (Fly's region code).
    public var region: String
    /// The descriptor the line came from; nil for lines Hangar writes itself (`runner`, `proxy`).
    public var stream: LogStream?
    public var level: LogLevel
    public var source: LogSource
    /// The text without its line ending: valid Unicode (bytes that were not UTF-8 became U+FFFD),
    /// escape sequences and other control characters kept as they came.
    public var message: String

    public init(
        timestamp: LogTimestamp,
        app: String,
        machineID: String,
        processGroup: String,
        region: String = "local",
        stream: LogStream? = nil,
        level: LogLevel = .info,
        source: LogSource = .app,
        message: String
    ) {
        self.timestamp = timestamp
        self.app = app
        self.machineID = machineID
        self.processGroup = processGroup
        self.region = region
        self.stream = stream
        self.level = level
        self.source = source
        self.message = message
    }
}
