/// How serious a finding is. `error` fails validation; `warning` and `info` never do.
public enum Severity: String, Sendable, Codable, Hashable, Comparable {
    case error
    case warning
    case info

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about a config file, with a stable code and the place it concerns.
///
/// Code ranges (see docs/diagnostics.md):
/// - `HG0xx` reading the file and TOML syntax
/// - `HG1xx` decoding: types, legacy forms, unknown keys (what flyctl reports as a degraded load)
/// - `HG2xx` flyctl's own validation rules, with flyctl's severity
/// - `HG3xx` checks flyctl only makes at deploy time
/// - `HG4xx` lints from real incidents
public struct Diagnostic: Sendable, Codable, Hashable {
    public var severity: Severity
    /// Stable code such as `HG204`.
    public var code: String
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?
    /// Where in the file; `nil` when the finding concerns something absent from the file.
    public var position: SourcePosition?
    /// The config path it concerns, e.g. `http_service.checks[0].interval`.
    public var path: String?

    public init(
        _ severity: Severity,
        code: String,
        _ message: String,
        hint: String? = nil,
        at position: SourcePosition? = nil,
        path: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.position = position
        self.path = path
    }

    /// Compiler-style text: `fly.toml:12:3: error[HG204]: message`, then `  hint: ...` if any.
    public func formatted(file: String) -> String {
        var location = file
        if let position, position.isKnown { location += ":\(position.line):\(position.column)" }
        var text = "\(location): \(severity.rawValue)[\(code)]: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
