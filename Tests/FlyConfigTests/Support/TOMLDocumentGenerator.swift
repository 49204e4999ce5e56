/// Writes random, valid TOML documents (deterministic for a seed): nested tables opened by headers,
/// implicit tables, arrays of tables, dotted and quoted keys, inline tables, arrays of mixed values,
/// and every scalar kind in its various spellings. Used to compare our reader with another one.
struct TOMLDocumentGenerator {
    private var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// A document. Sometimes with CRLF line ends throughout.
    mutating func document() -> String {
        let root = table(depth: 0, allowHeaders: true)
        var lines: [String] = []
        if random.chance(0.3) { lines.append("# generated document") }
        render(root, path: [], into: &lines)
        let text = lines.joined(separator: "\n") + (random.chance(0.8) ? "\n" : "")
        return random.chance(0.15) ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
    }

    // MARK: Structure

    private struct Key {
        var name: String
        var written: String
    }

    private enum Style { case header, implicitHeader, dotted, inline }

    private indirect enum Item {
        case value(String)
        case table(Table, Style)
        case arrayOfTables([Table])
    }

    private struct Table {
        var entries: [(key: Key, item: Item)] = []
    }

    private static let bareNames = ["a", "b", "c", "name", "port", "http_service", "internal-port", "x_1", "123",
                                    "true", "inf", "A-B_c", "processes", "env", "checks", "mounts", "key"]
    private static let quotedKeys: [Key] = [
        Key(name: "quoted key", written: "\"quoted key\""), Key(name: "literal key", written: "'literal key'"),
        Key(name: "ключ", written: "\"ключ\""), Key(name: "", written: "\"\""), Key(name: "a.b", written: "\"a.b\""),
        Key(name: "tab\tkey", written: "\"tab\\tkey\""), Key(name: "é", written: "\"\\u00e9\""),
        Key(name: "c:\\path", written: "'c:\\path'"), Key(name: "😀", written: "\"😀\""),
        Key(name: "name", written: "\"name\""),
    ]

    private mutating func key(avoiding used: Set<String>) -> Key? {
        for _ in 0..<20 {
            let candidate: Key = if random.chance(0.2) {
                random.pick(Self.quotedKeys)
            } else {
                Key(name: random.pick(Self.bareNames), written: "")
            }
            if used.contains(candidate.name) { continue }
            return candidate.written.isEmpty ? Key(name: candidate.name, written: candidate.name) : candidate
        }
        return nil
    }

    private mutating func table(depth: Int, allowHeaders: Bool) -> Table {
        var result = Table()
        var used: Set<String> = []
        for _ in 0..<random.int(depth == 0 ? 3...9 : 0...5) {
            guard let key = key(avoiding: used) else { break }
            used.insert(key.name)
            let roll = random.int(0...99)
            let item: Item
            if depth < 4, allowHeaders, roll < 20 {
                item = .table(table(depth: depth + 1, allowHeaders: true), random.chance(0.25) ? .implicitHeader : .header)
            } else if depth < 4, allowHeaders, roll < 30 {
                item = .arrayOfTables((0..<random.int(1...3)).map { _ in table(depth: depth + 1, allowHeaders: true) })
            } else if depth < 4, roll < 38 {
                item = .table(table(depth: depth + 1, allowHeaders: false), .dotted)
            } else if depth < 4, roll < 45 {
                item = .table(table(depth: depth + 1, allowHeaders: false), .inline)
            } else {
                item = .value(value(depth: depth))
            }
            result.entries.append((key, item))
        }
        return result
    }

    // MARK: Rendering

    private mutating func render(_ table: Table, path: [String], into lines: inout [String]) {
        renderKeyValues(table, prefix: [], into: &lines)
        for (key, item) in table.entries {
            switch item {
            case .table(let child, .header), .table(let child, .implicitHeader):
                let hasValues = child.entries.contains { if case .table(_, .header) = $0.item { false } else if case .table(_, .implicitHeader) = $0.item { false } else if case .arrayOfTables = $0.item { false } else { true } }
                if hasValues || !isImplicit(item) {
                    lines.append("")
                    lines.append(header(path + [key.written], array: false))
                }
                render(child, path: path + [key.written], into: &lines)
            case .arrayOfTables(let elements):
                for element in elements {
                    lines.append(header(path + [key.written], array: true))
                    render(element, path: path + [key.written], into: &lines)
                }
            default:
                break
            }
        }
    }

    private func isImplicit(_ item: Item) -> Bool {
        if case .table(_, .implicitHeader) = item { return true }
        return false
    }

    private mutating func header(_ path: [String], array: Bool) -> String {
        let inner = path.joined(separator: random.chance(0.1) ? " . " : ".")
        let padded = random.chance(0.1) ? " \(inner) " : inner
        let text = array ? "[[\(padded)]]" : "[\(padded)]"
        return random.chance(0.1) ? text + " # header" : text
    }

    /// The `key = value` lines of a table: its values, inline tables and dotted tables.
    private mutating func renderKeyValues(_ table: Table, prefix: [String], into lines: inout [String]) {
        for (key, item) in table.entries {
            let fullKey = (prefix + [key.written]).joined(separator: random.chance(0.1) ? " . " : ".")
            switch item {
            case .value(let text):
                lines.append(assignment(fullKey, text))
            case .table(let child, .inline):
                lines.append(assignment(fullKey, inline(child)))
            case .table(let child, .dotted):
                renderKeyValues(child, prefix: prefix + [key.written], into: &lines)
            default:
                break
            }
        }
    }

    private mutating func assignment(_ key: String, _ value: String) -> String {
        let equals = random.pick([" = ", "=", "  =\t", " =", "= "])
        let indent = random.chance(0.1) ? "  " : ""
        let comment = random.chance(0.1) ? "  # note: ü ✓" : ""
        return indent + key + equals + value + comment
    }

    private mutating func inline(_ table: Table) -> String {
        var parts: [String] = []
        collectInline(table, prefix: [], into: &parts)
        if parts.isEmpty { return random.chance(0.5) ? "{}" : "{ }" }
        return "{ " + parts.joined(separator: random.chance(0.5) ? ", " : ",") + " }"
    }

    private mutating func collectInline(_ table: Table, prefix: [String], into parts: inout [String]) {
        for (key, item) in table.entries {
            let fullKey = (prefix + [key.written]).joined(separator: ".")
            switch item {
            case .value(let text):
                parts.append("\(fullKey) = \(text)")
            case .table(let child, .dotted):
                collectInline(child, prefix: prefix + [key.written], into: &parts)
            case .table(let child, _):
                parts.append("\(fullKey) = \(inline(child))")
            case .arrayOfTables(let elements):
                parts.append("\(fullKey) = [" + elements.map { inline($0) }.joined(separator: ", ") + "]")
            }
        }
    }

    // MARK: Values

    private mutating func value(depth: Int) -> String {
        switch random.int(0...(depth < 3 ? 11 : 9)) {
        case 0, 1: string()
        case 2, 3: integer()
        case 4: float()
        case 5: random.chance(0.5) ? "true" : "false"
        case 6: dateTime()
        case 7, 8: string()
        case 9: integer()
        case 10: array(depth: depth + 1)
        default: inline(table(depth: depth + 1, allowHeaders: false))
        }
    }

    private mutating func array(depth: Int) -> String {
        let count = random.int(0...5)
        let multiline = random.chance(0.3)
        var elements: [String] = []
        for _ in 0..<count { elements.append(value(depth: depth)) }
        if elements.isEmpty { return random.chance(0.5) ? "[]" : "[ ]" }
        if multiline {
            var text = "[\n"
            for element in elements {
                text += "  " + element + "," + (random.chance(0.2) ? " # element" : "") + "\n"
            }
            return text + "]"
        }
        let trailing = random.chance(0.2) ? "," : ""
        return "[" + elements.joined(separator: random.chance(0.5) ? ", " : ",") + trailing + "]"
    }

    private static let plainPieces = ["a", "Fly", " ", "app-name", "0", "é", "日本語", "😀", "Ω", "\t", "#", "=", "[x]", "{}"]
    private static let escapes = ["\\n", "\\t", "\\\"", "\\\\", "\\u00E9", "\\U0001F600", "\\b", "\\f", "\\r", "\\u0000"]

    private mutating func string() -> String {
        var pieces: [String] = []
        for _ in 0..<random.int(0...6) { pieces.append(random.pick(Self.plainPieces)) }
        switch random.int(0...5) {
        case 0, 1:
            for _ in 0..<random.int(0...2) { pieces.insert(random.pick(Self.escapes), at: random.int(0...pieces.count)) }
            return "\"" + pieces.joined() + "\""
        case 2:
            return "'" + pieces.joined() + "'"
        case 3:
            let extras = ["\n", "\"", "\"\"", "\\n", "\\\n    ", "\\u00E9"]
            for _ in 0..<random.int(0...3) {
                pieces.insert(random.pick(extras) + "x", at: random.int(0...pieces.count))
            }
            return "\"\"\"" + (random.chance(0.5) ? "\n" : "") + pieces.joined() + "\"\"\""
        case 4:
            let extras = ["\n", "'", "''", "\\", "\"\"\""]
            for _ in 0..<random.int(0...3) {
                pieces.insert(random.pick(extras) + "x", at: random.int(0...pieces.count))
            }
            return "'''" + (random.chance(0.5) ? "\n" : "") + pieces.joined() + "'''"
        default:
            return "\"" + pieces.joined() + "\""
        }
    }

    private mutating func digits(_ text: String) -> String {
        guard text.count > 1, random.chance(0.3) else { return text }
        var result = ""
        for (i, c) in text.enumerated() {
            if i > 0, random.chance(0.25) { result += "_" }
            result.append(c)
        }
        return result
    }

    private mutating func integer() -> String {
        switch random.int(0...9) {
        case 0:
            return random.pick(["0", "+0", "-0", "9223372036854775807", "-9223372036854775808", "1", "-1"])
        case 1:
            let n = UInt64.random(in: 0...UInt64(Int64.max), using: &random)
            let hex = String(n, radix: 16, uppercase: random.chance(0.5))
            return "0x" + digits(hex)
        case 2:
            return "0o" + digits(String(UInt64.random(in: 0...0o7777777, using: &random), radix: 8))
        case 3:
            return "0b" + digits(String(UInt64.random(in: 0...255, using: &random), radix: 2))
        default:
            let n = random.chance(0.5) ? Int64.random(in: -100_000...100_000, using: &random)
                                       : Int64.random(in: Int64.min...Int64.max, using: &random)
            let magnitude = digits(String(n.magnitude))
            return (n < 0 ? "-" : (random.chance(0.2) ? "+" : "")) + magnitude
        }
    }

    private mutating func float() -> String {
        if random.chance(0.1) { return random.pick(["inf", "+inf", "-inf", "nan", "+nan", "-nan", "-0.0", "+0.0"]) }
        let sign = random.pick(["", "", "-", "+"])
        let whole = random.chance(0.3) ? "0" : String(random.int(1...999_999_999))
        var text = sign + digits(whole)
        let form = random.int(0...2)
        if form != 1 { text += "." + digits(String(random.int(0...99_999_999))) }
        if form != 0 {
            text += random.pick(["e", "E"]) + random.pick(["", "+", "-"]) + digits(String(random.int(0...330)))
        }
        return text
    }

    private mutating func dateTime() -> String {
        func pad(_ n: Int, _ width: Int = 2) -> String {
            String(repeating: "0", count: max(0, width - String(n).count)) + String(n)
        }
        let year = random.int(1...9999)
        let month = random.int(1...12)
        let day = random.int(1...28)
        let date = "\(pad(year, 4))-\(pad(month))-\(pad(day))"
        var time = "\(pad(random.int(0...23))):\(pad(random.int(0...59))):\(pad(random.int(0...59)))"
        if random.chance(0.3) { time += "." + String(repeating: "5", count: random.int(1...6)) }
        let offset = random.pick(["Z", "z", "+00:00", "-07:00", "+05:30", "+14:00", "-12:00"])
        return switch random.int(0...4) {
        case 0: date
        case 1: time
        case 2: date + random.pick(["T", "t", " "]) + time
        default: date + random.pick(["T", "t", " "]) + time + offset
        }
    }
}
