/// What the proxy does with idle Machines (`auto_stop_machines`).
///
/// fly.toml accepts `false`/`"off"` → off, `true`/`"stop"` → stop, `"suspend"` → suspend. Any other
/// string (including `"true"`) makes flyctl's load fail. Unset (nil) is distinct from off.
public enum AutoStop: String, Sendable, Hashable, Codable, CaseIterable {
    case off
    case stop
    case suspend

    public init(_ flag: Bool) {
        self = flag ? .stop : .off
    }

    /// The value for a string as written in fly.toml, or nil when flyctl rejects it.
    public init?(flyString: String) {
        self.init(rawValue: flyString)
    }
}
