/// A line's level as `fly logs` shows it between brackets: `[info]`.
///
/// Open-ended (any text round-trips through the files), with the levels Fly colours named.
/// Machine output is always `info`, whichever stream it came from: Fly's init ships stdout and
/// stderr alike at `info` and does not guess levels from the text.
public struct LogLevel: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let debug = LogLevel(rawValue: "debug")
    public static let info = LogLevel(rawValue: "info")
    public static let warn = LogLevel(rawValue: "warn")
    public static let error = LogLevel(rawValue: "error")

    public var description: String { rawValue }
}
