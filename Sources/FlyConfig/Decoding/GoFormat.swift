/// How flyctl turns TOML values into text when it stringifies them (Go's `%v` and `%T`).
enum GoFormat {
    /// Go's `%T` for the value a TOML reader hands flyctl (`int64`, `float64`, `[]interface {}`, …).
    static func typeName(_ value: TOMLValue) -> String {
        switch value {
        case .string: "string"
        case .integer: "int64"
        case .float: "float64"
        case .boolean: "bool"
        case .offsetDateTime: "time.Time"
        case .localDateTime: "toml.LocalDateTime"
        case .localDate: "toml.LocalDate"
        case .localTime: "toml.LocalTime"
        case .array: "[]interface {}"
        case .table: "map[string]interface {}"
        }
    }

    /// Go's `%v`: `123`, `true`, `2` for 2.0, `1.5`, `1e+06`, `[a b]`, `map[k:v]`.
    static func text(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): s
        case .integer(let i): String(i)
        case .float(let d): float(d)
        case .boolean(let b): b ? "true" : "false"
        case .offsetDateTime(let date, let time, let offset):
            "\(self.date(date)) \(self.time(time)) \(offsetText(offset))"
        case .localDateTime(let date, let time): "\(self.date(date))T\(self.time(time))"
        case .localDate(let date): self.date(date)
        case .localTime(let time): self.time(time)
        case .array(let items): "[" + items.map { text($0.value) }.joined(separator: " ") + "]"
        case .table(let table):
            "map[" + table.entries.sorted { AppConfig.byteOrder($0.key, $1.key) }
                .map { "\($0.key):\(text($0.node.value))" }.joined(separator: " ") + "]"
        }
    }

    /// Go's `strconv.FormatFloat(d, 'g', -1, 64)` as `%v` prints it.
    static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        // Shortest round-trip digits from Swift's description, re-laid out Go style.
        let negative = d < 0
        let swift = "\(Swift.abs(d))"
        var mantissa = swift
        var exponent = 0
        if let e = swift.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(swift[..<e])
            exponent = Int(swift[swift.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts.first.map(String.init) ?? "0"
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var pointPosition = intPart.count + exponent // digits before the decimal point
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        let exp = pointPosition - 1
        var out = ""
        if exp < -4 || exp >= 6 {
            let rest = digits.dropFirst()
            out = String(digits.prefix(1)) + (rest.isEmpty ? "" : "." + rest)
            let absExp = Swift.abs(exp)
            out += "e" + (exp < 0 ? "-" : "+") + (absExp < 10 ? "0" : "") + String(absExp)
            return (negative ? "-" : "") + out
        }
        if pointPosition <= 0 {
            out = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            out = digits + String(repeating: "0", count: pointPosition - digits.count)
        } else {
            let idx = digits.index(digits.startIndex, offsetBy: pointPosition)
            out = String(digits[..<idx]) + "." + String(digits[idx...])
        }
        return (negative ? "-" : "") + out
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func date(_ d: TOMLDate) -> String { "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))" }

    private static func time(_ t: TOMLTime) -> String {
        var s = "\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
        if t.nanosecond > 0 {
            var frac = pad(t.nanosecond, 9)
            while frac.last == "0" { frac.removeLast() }
            s += "." + frac
        }
        return s
    }

    private static func offsetText(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let m = Swift.abs(minutes)
        return "\(sign)\(pad(m / 60, 2))\(pad(m % 60, 2))"
    }
}
