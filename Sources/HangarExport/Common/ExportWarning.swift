/// Something in fly.toml that the target cannot express exactly. Never dropped silently: the CLI
/// prints each one as `warning: <key>: <message>` with a `hint:` line saying what to do instead.
public struct ExportWarning: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The config path of the key (`http_service.auto_stop_machines`, `checks.worker`, `statics`).
    public var key: String
    /// What the target does with it (or cannot do).
    public var message: String
    /// What to do instead.
    public var instead: String

    public init(key: String, message: String, instead: String) {
        self.key = key
        self.message = message
        self.instead = instead
    }

    /// `warning: <key>: <message>` then `  hint: <instead>`.
    public var description: String { "warning: \(key): \(message)\n  hint: \(instead)" }
}

/// Collects warnings in the order they are found, once each.
struct WarningList: Sendable {
    private(set) var all: [ExportWarning] = []
    private var seen: Set<ExportWarning> = []

    mutating func add(_ key: String, _ message: String, instead: String) {
        let warning = ExportWarning(key: key, message: message, instead: instead)
        if seen.insert(warning).inserted { all.append(warning) }
    }

    mutating func add(contentsOf warnings: [ExportWarning]) {
        for w in warnings { add(w.key, w.message, instead: w.instead) }
    }
}
