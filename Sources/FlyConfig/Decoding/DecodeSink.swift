/// Collects the diagnostics of a typed decode. Any error makes the load degraded.
final class DecodeSink {
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var failed = false

    func add(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { failed = true }
        diagnostics.append(diagnostic)
    }

    /// A value of the wrong type: flyctl's JSON round trip fails, the load is degraded.
    func typeMismatch(path: String, node: TOMLNode, expected: ExpectedType, hint: String? = nil) {
        let key = ConfigPath.lastKey(of: path)
        let message = "\(path) must be \(expected.description), but it is \(TypeHints.describe(node.value)); flyctl cannot load this file and keeps only the app name"
        add(Diagnostic(.error, code: DecodeCode.typeMismatch, message,
                       hint: hint ?? TypeHints.hint(key: key, expected: expected, found: node.value),
                       at: node.position, path: path))
    }
}

/// What a key expects (for messages and hints).
enum ExpectedType: CustomStringConvertible {
    case string, integer, unsignedInteger, number, boolean, stringList, table, arrayOfTables, duration, autoStop
    case stringTable

    var description: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .unsignedInteger: "a non-negative 32-bit integer"
        case .number: "a number"
        case .boolean: "a boolean"
        case .stringList: "a list of strings"
        case .table: "a table"
        case .arrayOfTables: "an array of tables"
        case .duration: "a duration string (e.g. \"10s\")"
        case .autoStop: "a boolean or one of \"off\", \"stop\", \"suspend\""
        case .stringTable: "a table of strings"
        }
    }
}

/// Hints for type mismatches.
enum TypeHints {
    /// `a string ("8080")`, `an integer (20)`, `a table`, …
    static func describe(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): "a string (\"\(preview(s))\")"
        case .integer(let i): "an integer (\(i))"
        case .float(let d): "a float (\(GoFormat.float(d)))"
        case .boolean(let b): "a boolean (\(b))"
        case .array: "an array"
        case .table: "a table"
        default: "a \(value.typeName)"
        }
    }

    private static func preview(_ s: String) -> String {
        s.count > 40 ? String(s.prefix(40)) + "…" : s
    }

    static func hint(key: String, expected: ExpectedType, found: TOMLValue) -> String? {
        switch (expected, found) {
        case (.integer, .string(let s)), (.unsignedInteger, .string(let s)), (.number, .string(let s)):
            if GoAtoi.parse(s) != nil || Double(s) != nil { return "remove the quotes: \(key) = \(s)" }
            return "write \(key) as a number"
        case (.boolean, .string(let s)) where s == "true" || s == "false":
            return "remove the quotes: \(key) = \(s)"
        case (.string, .integer(let i)):
            return "quote the value: \(key) = \"\(i)\""
        case (.string, .float(let d)):
            return "quote the value: \(key) = \"\(GoFormat.float(d))\""
        case (.string, .boolean(let b)):
            return "quote the value: \(key) = \"\(b)\""
        case (.stringList, .string(let s)):
            return "write a list: \(key) = [\"\(s)\"]"
        case (.arrayOfTables, .table):
            return "write [[\(key)]] (an array of tables, double brackets) instead of [\(key)]"
        case (.table, .array):
            return "write a single [\(key)] table, not [[\(key)]]"
        case (.duration, .boolean):
            return "write a duration string such as \(key) = \"10s\""
        case (.autoStop, _):
            return "use auto_stop_machines = \"stop\", \"suspend\" or \"off\" (or true/false)"
        default:
            return "write \(key) as \(expected.description)"
        }
    }
}

extension ConfigPath {
    /// The last key of a path (`services[0].ports[1].port` → `port`, `vm[0]` → `vm`).
    static func lastKey(of path: String) -> String {
        var p = path
        while p.hasSuffix("]"), let open = p.lastIndex(of: "[") { p = String(p[..<open]) }
        guard let parent = parent(of: p) else { return p }
        var key = String(p.dropFirst(parent.count + 1))
        if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
        return key
    }
}
