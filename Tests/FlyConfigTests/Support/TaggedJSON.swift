import FlyConfig
import Foundation

/// A document in toml-test's "tagged JSON" form, normalised so that two readers' results compare
/// by meaning: integers and floats by value, date-times by their fields, `nan`/`inf` as words.
indirect enum TaggedJSON: Equatable, CustomStringConvertible {
    case table([String: TaggedJSON])
    case array([TaggedJSON])
    /// A scalar: its toml-test type and a canonical text for its value.
    case scalar(type: String, value: String)

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    // MARK: From our reader

    init(_ table: TOMLTable) {
        var members: [String: TaggedJSON] = [:]
        for entry in table.entries { members[entry.key] = TaggedJSON(entry.node) }
        self = .table(members)
    }

    init(_ node: TOMLNode) {
        switch node.value {
        case .string(let s): self = .scalar(type: "string", value: s)
        case .integer(let i): self = .scalar(type: "integer", value: String(i))
        case .float(let d): self = .scalar(type: "float", value: Self.canonicalFloat(d))
        case .boolean(let b): self = .scalar(type: "bool", value: b ? "true" : "false")
        case .offsetDateTime(let date, let time, let offset):
            self = .scalar(type: "datetime", value: Self.canonical(date) + "T" + Self.canonical(time) + " offset \(offset)")
        case .localDateTime(let date, let time):
            self = .scalar(type: "datetime-local", value: Self.canonical(date) + "T" + Self.canonical(time))
        case .localDate(let date): self = .scalar(type: "date-local", value: Self.canonical(date))
        case .localTime(let time): self = .scalar(type: "time-local", value: Self.canonical(time))
        case .array(let elements): self = .array(elements.map(TaggedJSON.init))
        case .table(let table): self = TaggedJSON(table)
        }
    }

    // MARK: From tagged JSON text (toml-test expectations, Python's output)

    init(jsonObject: Any) throws {
        if let array = jsonObject as? [Any] {
            self = .array(try array.map { try TaggedJSON(jsonObject: $0) })
            return
        }
        guard let object = jsonObject as? [String: Any] else {
            throw FormatError(description: "unexpected JSON \(jsonObject)")
        }
        if object.count == 2, let type = object["type"] as? String, let value = object["value"] as? String {
            self = .scalar(type: type, value: try Self.canonical(type: type, value: value))
            return
        }
        var members: [String: TaggedJSON] = [:]
        for (key, value) in object { members[key] = try TaggedJSON(jsonObject: value) }
        self = .table(members)
    }

    init(jsonData: Data) throws {
        try self.init(jsonObject: JSONSerialization.jsonObject(with: jsonData, options: [.fragmentsAllowed]))
    }

    var description: String {
        switch self {
        case .table(let members):
            "{" + members.sorted { $0.key < $1.key }.map { "\($0.key.debugDescription): \($0.value)" }
                .joined(separator: ", ") + "}"
        case .array(let elements):
            "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .scalar(let type, let value):
            "\(type)(\(value.debugDescription))"
        }
    }

    // MARK: Canonical forms

    static func canonical(type: String, value: String) throws -> String {
        switch type {
        case "string", "bool":
            return value
        case "integer":
            guard let i = Int64(value) else { throw FormatError(description: "bad integer \(value)") }
            return String(i)
        case "float":
            switch value.lowercased() {
            case "nan", "+nan", "-nan": return "nan"
            case "inf", "+inf": return canonicalFloat(.infinity)
            case "-inf": return canonicalFloat(-.infinity)
            default:
                guard let d = Double(value) else { throw FormatError(description: "bad float \(value)") }
                return canonicalFloat(d)
            }
        case "datetime", "datetime-local", "date-local", "time-local":
            return try canonicalDateTime(value)
        default:
            throw FormatError(description: "unknown type \(type)")
        }
    }

    static func canonicalFloat(_ d: Double) -> String {
        d.isNaN ? "nan" : String(d)
    }

    static func canonical(_ date: TOMLDate) -> String {
        pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
    }

    static func canonical(_ time: TOMLTime) -> String {
        pad(time.hour, 2) + ":" + pad(time.minute, 2) + ":" + pad(time.second, 2) + "." + pad(time.nanosecond, 9)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Reads an RFC 3339-style text independently of the TOML reader and prints its fields.
    static func canonicalDateTime(_ text: String) throws -> String {
        let bad = FormatError(description: "bad date-time \(text)")
        var rest = Substring(text)
        func number(_ width: Int) throws -> Int {
            guard rest.count >= width, let n = Int(rest.prefix(width)) else { throw bad }
            rest = rest.dropFirst(width)
            return n
        }
        func skip(_ characters: String) throws {
            guard let c = rest.first, characters.contains(c) else { throw bad }
            rest = rest.dropFirst()
        }
        var result = ""
        let hasDate = rest.count >= 5 && rest.dropFirst(4).first == "-"
        if hasDate {
            let year = try number(4)
            try skip("-")
            let month = try number(2)
            try skip("-")
            let day = try number(2)
            result = canonical(TOMLDate(year: year, month: month, day: day))
            if rest.isEmpty { return result }
            try skip("Tt ")
            result += "T"
        }
        let hour = try number(2)
        try skip(":")
        let minute = try number(2)
        try skip(":")
        let second = try number(2)
        var nanosecond = 0
        if rest.first == "." {
            rest = rest.dropFirst()
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { throw bad }
            rest = rest.dropFirst(digits.count)
            let nine = String((digits + "000000000").prefix(9))
            nanosecond = Int(nine) ?? 0
        }
        result += canonical(TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond))
        if rest.isEmpty { return result }
        if rest == "Z" || rest == "z" { return result + " offset 0" }
        let sign = rest.first == "-" ? -1 : 1
        try skip("+-")
        let offsetHours = try number(2)
        try skip(":")
        let offsetMinutes = try number(2)
        guard rest.isEmpty else { throw bad }
        return result + " offset \(sign * (offsetHours * 60 + offsetMinutes))"
    }
}
