/// Who produced a line: Fly's log "provider", printed before the machine id (`app[3d8d9a1c2e4f56]`).
///
/// `app` is the machine's own output; `runner` is Hangar about the machine's lifecycle
/// ("Machine started in 120ms"); `proxy` is the Hangar proxy; `health` is the check runner.
public struct LogSource: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let app = LogSource(rawValue: "app")
    public static let runner = LogSource(rawValue: "runner")
    public static let proxy = LogSource(rawValue: "proxy")
    public static let health = LogSource(rawValue: "health")

    public var description: String { rawValue }
}
