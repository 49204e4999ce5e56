/// Reads typed values out of one TOML table for the typed decode, reporting type mismatches
/// (degraded load) and, on `finish()`, every key that was never asked for (unknown keys).
final class TableReader {
    let table: TOMLTable
    let path: String
    let sink: DecodeSink
    private var known: [String] = []
    private var ignored: [String: String] = [:]
    private var hints: [String: String] = [:]

    init(_ table: TOMLTable, path: String, sink: DecodeSink) {
        self.table = table
        self.path = path
        self.sink = sink
    }

    func childPath(_ key: String) -> String { ConfigPath.join(path, key) }

    /// The node under `key` (marking the key as known).
    func node(_ key: String) -> TOMLNode? {
        known.append(key)
        return table[key]
    }

    /// Declares keys flyctl accepts and ignores (reported as HG111 when present).
    func legacy(_ key: String, _ note: String) {
        known.append(key)
        ignored[key] = note
    }

    /// Adds a specific hint for an unknown key.
    func unknownHint(_ key: String, _ hint: String) {
        hints[key] = hint
    }

    func string(_ key: String) -> String? {
        guard let n = node(key) else { return nil }
        if let s = n.string { return s }
        sink.typeMismatch(path: childPath(key), node: n, expected: .string)
        return nil
    }

    func int(_ key: String) -> Int? {
        guard let n = node(key) else { return nil }
        if let i = TableReader.integer(n) { return i }
        sink.typeMismatch(path: childPath(key), node: n, expected: .integer)
        return nil
    }

    /// An integer; a float with an integral value passes, as it does through flyctl's JSON round trip.
    static func integer(_ n: TOMLNode) -> Int? {
        switch n.value {
        case .integer(let i): return Int(exactly: i)
        case .float(let d): return d.isFinite && d.rounded() == d && Swift.abs(d) < 9.2e18 ? Int(d) : nil
        default: return nil
        }
    }

    func uint32(_ key: String) -> UInt32? {
        guard let n = node(key) else { return nil }
        if let i = TableReader.integer(n), let u = UInt32(exactly: i) { return u }
        sink.typeMismatch(path: childPath(key), node: n, expected: .unsignedInteger)
        return nil
    }

    func double(_ key: String) -> Double? {
        guard let n = node(key) else { return nil }
        switch n.value {
        case .integer(let i): return Double(i)
        case .float(let d): return d
        default:
            sink.typeMismatch(path: childPath(key), node: n, expected: .number)
            return nil
        }
    }

    func bool(_ key: String) -> Bool? {
        guard let n = node(key) else { return nil }
        if let b = n.boolean { return b }
        sink.typeMismatch(path: childPath(key), node: n, expected: .boolean)
        return nil
    }

    func strings(_ key: String) -> [String]? {
        guard let n = node(key) else { return nil }
        guard let items = n.array else {
            sink.typeMismatch(path: childPath(key), node: n, expected: .stringList)
            return nil
        }
        var result: [String] = []
        var ok = true
        for (i, item) in items.enumerated() {
            if let s = item.string {
                result.append(s)
            } else {
                sink.typeMismatch(path: ConfigPath.index(childPath(key), i), node: item, expected: .string)
                ok = false
            }
        }
        return ok ? result : nil
    }

    /// A free-form table of strings (not descended for unknown keys).
    func stringTable(_ key: String) -> [String: String]? {
        guard let n = node(key) else { return nil }
        guard let t = n.table else {
            sink.typeMismatch(path: childPath(key), node: n, expected: .stringTable)
            return nil
        }
        var result: [String: String] = [:]
        var ok = true
        for e in t.entries {
            if let s = e.node.string {
                result[e.key] = s
            } else {
                sink.typeMismatch(path: ConfigPath.join(childPath(key), e.key), node: e.node, expected: .string)
                ok = false
            }
        }
        return ok ? result : nil
    }

    /// A duration. Strings parse as Go durations; bare numbers are nanoseconds (flyctl's JSON
    /// behaviour for these fields), with a warning.
    func duration(_ key: String) -> FlyDuration? {
        guard let n = node(key) else { return nil }
        let path = childPath(key)
        switch n.value {
        case .string(let s):
            do {
                return try FlyDuration.parse(s)
            } catch {
                sink.add(Diagnostic(
                    .error, code: DecodeCode.invalidDuration,
                    "\(path): \(error.description); flyctl cannot load this file and keeps only the app name",
                    hint: "use a Go duration such as \"10s\", \"1m30s\" or \"500ms\" (units ns, us, ms, s, m, h; no days)",
                    at: n.position, path: path))
                return nil
            }
        case .integer(let i):
            warnNanoseconds(path: path, node: n, text: String(i))
            return FlyDuration(nanoseconds: i)
        case .float(let d):
            warnNanoseconds(path: path, node: n, text: GoFormat.float(d))
            return FlyDuration.fromBareNumber(d, unit: 1)
        default:
            sink.typeMismatch(path: path, node: n, expected: .duration)
            return nil
        }
    }

    private func warnNanoseconds(path: String, node: TOMLNode, text: String) {
        sink.add(Diagnostic(
            .warning, code: DecodeCode.nanosecondDuration,
            "\(path) = \(text) has no unit; flyctl reads a bare number here as nanoseconds",
            hint: "write a duration string with a unit, e.g. \"\(text)s\"", at: node.position, path: path))
    }

    func autoStop(_ key: String) -> AutoStop? {
        guard let n = node(key) else { return nil }
        let path = childPath(key)
        switch n.value {
        case .boolean(let b):
            return AutoStop(b)
        case .string(let s):
            if let value = AutoStop(flyString: s) { return value }
            sink.add(Diagnostic(
                .error, code: DecodeCode.invalidAutoStop,
                "invalid autostop string value \"\(s)\" for \(path); flyctl cannot load this file and keeps only the app name",
                hint: "use \"off\", \"stop\" or \"suspend\", or the booleans true/false without quotes",
                at: n.position, path: path))
            return nil
        default:
            sink.typeMismatch(path: path, node: n, expected: .autoStop)
            return nil
        }
    }

    /// A sub-table, as a reader (nil when absent or of the wrong type).
    func table(_ key: String) -> TableReader? {
        guard let n = node(key) else { return nil }
        guard let t = n.table else {
            sink.typeMismatch(path: childPath(key), node: n, expected: .table)
            return nil
        }
        return TableReader(t, path: childPath(key), sink: sink)
    }

    /// An array of tables, one reader per element (nil when absent or of the wrong type).
    func tables(_ key: String) -> [TableReader]? {
        guard let n = node(key) else { return nil }
        guard let items = n.array else {
            sink.typeMismatch(path: childPath(key), node: n, expected: .arrayOfTables)
            return nil
        }
        var readers: [TableReader] = []
        for (i, item) in items.enumerated() {
            guard let t = item.table else {
                sink.typeMismatch(path: ConfigPath.index(childPath(key), i), node: item, expected: .table)
                continue
            }
            readers.append(TableReader(t, path: ConfigPath.index(childPath(key), i), sink: sink))
        }
        return readers
    }

    /// Reports every key of the table that was not asked for, and the legacy keys present.
    func finish() {
        for e in table.entries {
            let path = childPath(e.key)
            if let note = ignored[e.key] {
                sink.add(Diagnostic(.info, code: DecodeCode.ignoredLegacyKey,
                                    "\(path) is a legacy key; flyctl accepts and ignores it",
                                    hint: note, at: e.keyPosition, path: path))
                continue
            }
            if known.contains(e.key) { continue }
            let hint = hints[e.key] ?? KeySuggestions.hint(for: e.key, in: path, known: known)
            sink.add(Diagnostic(.warning, code: DecodeCode.unknownKey,
                                "unknown key \(path); flyctl ignores it",
                                hint: hint, at: e.keyPosition, path: path))
        }
    }
}
