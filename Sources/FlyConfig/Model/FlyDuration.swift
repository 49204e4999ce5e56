/// A duration as flyctl reads and prints it (Go's `time.Duration`): a signed count of nanoseconds.
///
/// Parsing follows Go's `time.ParseDuration`: an optional sign, then one or more `<number><unit>`
/// groups (`1m30s`, `1.5s`, `300ms`), units `ns`, `us`/`µs`/`μs`, `ms`, `s`, `m`, `h`; `"0"` is the
/// only unit-less value. Printing follows Go's `Duration.String()`: `1m21s`, `3m0s`, `1h0m0s`,
/// `500ms`, `1.5s`, `0s`.
public struct FlyDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static let nanosecond: Int64 = 1
    public static let microsecond: Int64 = 1_000
    public static let millisecond: Int64 = 1_000_000
    public static let second: Int64 = 1_000_000_000
    public static let minute: Int64 = 60 * second
    public static let hour: Int64 = 60 * minute

    public static func seconds(_ n: Int64) -> FlyDuration { FlyDuration(nanoseconds: n.multipliedReportingOverflow(by: second).partialValue) }
    public static func milliseconds(_ n: Int64) -> FlyDuration { FlyDuration(nanoseconds: n.multipliedReportingOverflow(by: millisecond).partialValue) }

    /// The duration in (fractional) seconds.
    public var seconds: Double { Double(nanoseconds) / Double(FlyDuration.second) }

    public static func < (lhs: FlyDuration, rhs: FlyDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// A bare number read in `unit` (nanoseconds per unit) the way flyctl does: a float is first
    /// truncated toward zero, then multiplied (wrapping like Go on overflow).
    public static func fromBareNumber(_ value: Double, unit: Int64) -> FlyDuration {
        let truncated: Int64
        if value.isNaN {
            truncated = 0
        } else if value >= 9.223372036854775e18 {
            truncated = Int64.max
        } else if value <= -9.223372036854775e18 {
            truncated = Int64.min
        } else {
            truncated = Int64(value.rounded(.towardZero))
        }
        return FlyDuration(nanoseconds: truncated.multipliedReportingOverflow(by: unit).partialValue)
    }

    /// A bare integer read in `unit` (wrapping like Go on overflow).
    public static func fromBareNumber(_ value: Int64, unit: Int64) -> FlyDuration {
        FlyDuration(nanoseconds: value.multipliedReportingOverflow(by: unit).partialValue)
    }

    // MARK: Parsing

    /// Parses a Go duration string; throws with Go's message substance on failure.
    public static func parse(_ text: String) throws(DurationParseError) -> FlyDuration {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var negative = false
        if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" {
            negative = scalars[i] == "-"
            i += 1
        }
        if i == scalars.count {
            throw DurationParseError(text: text, reason: "invalid duration")
        }
        if scalars.count - i == 1, scalars[i] == "0" {
            return FlyDuration(nanoseconds: 0)
        }
        var total: UInt64 = 0
        let limit: UInt64 = 1 << 63
        while i < scalars.count {
            // Integer part.
            let intStart = i
            var whole: UInt64 = 0
            var overflow = false
            while i < scalars.count, let d = digit(scalars[i]) {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(d))
                if o1 || o2 || a > limit { overflow = true }
                whole = a
                i += 1
            }
            if overflow { throw DurationParseError(text: text, reason: "invalid duration") }
            let hadInt = i > intStart
            // Fraction.
            var fraction: UInt64 = 0
            var scale: Double = 1
            var hadFraction = false
            if i < scalars.count, scalars[i] == "." {
                i += 1
                let fracStart = i
                var stopped = false
                while i < scalars.count, let d = digit(scalars[i]) {
                    if !stopped {
                        let (m, o1) = fraction.multipliedReportingOverflow(by: 10)
                        let (a, o2) = m.addingReportingOverflow(UInt64(d))
                        if o1 || o2 || a > (1 << 62) {
                            stopped = true
                        } else {
                            fraction = a
                            scale *= 10
                        }
                    }
                    i += 1
                }
                hadFraction = i > fracStart
            }
            if !hadInt && !hadFraction { throw DurationParseError(text: text, reason: "invalid duration") }
            // Unit.
            let unitStart = i
            while i < scalars.count, scalars[i] != ".", digit(scalars[i]) == nil { i += 1 }
            if unitStart == i { throw DurationParseError(text: text, reason: "missing unit in duration") }
            let unitText = String(String.UnicodeScalarView(scalars[unitStart..<i]))
            guard let unit = unitNanoseconds(unitText) else {
                throw DurationParseError(text: text, reason: "unknown unit \"\(unitText)\" in duration")
            }
            let (v, o) = whole.multipliedReportingOverflow(by: unit)
            if o || v > limit { throw DurationParseError(text: text, reason: "invalid duration") }
            var value = v
            if fraction > 0 {
                let extra = Double(fraction) * (Double(unit) / scale)
                if extra >= 9.2e18 { throw DurationParseError(text: text, reason: "invalid duration") }
                let (sum, o2) = value.addingReportingOverflow(UInt64(extra))
                if o2 || sum > limit { throw DurationParseError(text: text, reason: "invalid duration") }
                value = sum
            }
            let (t, o3) = total.addingReportingOverflow(value)
            if o3 || t > limit { throw DurationParseError(text: text, reason: "invalid duration") }
            total = t
        }
        if negative {
            return FlyDuration(nanoseconds: Int64(bitPattern: 0 &- total))
        }
        if total > UInt64(Int64.max) { throw DurationParseError(text: text, reason: "invalid duration") }
        return FlyDuration(nanoseconds: Int64(total))
    }

    private static func digit(_ s: Unicode.Scalar) -> UInt8? {
        (s.value >= 48 && s.value <= 57) ? UInt8(s.value - 48) : nil
    }

    private static func unitNanoseconds(_ unit: String) -> UInt64? {
        switch unit {
        case "ns": 1
        case "us", "\u{00B5}s", "\u{03BC}s": 1_000
        case "ms": 1_000_000
        case "s": 1_000_000_000
        case "m": 60_000_000_000
        case "h": 3_600_000_000_000
        default: nil
        }
    }

    // MARK: Printing

    /// Go's canonical form.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        let negative = nanoseconds < 0
        let u: UInt64 = negative ? 0 &- UInt64(bitPattern: nanoseconds) : UInt64(nanoseconds)
        var text: String
        if u < 1_000_000_000 {
            if u < 1_000 {
                text = "\(u)ns"
            } else if u < 1_000_000 {
                text = FlyDuration.withFraction(u, digits: 3) + "\u{00B5}s"
            } else {
                text = FlyDuration.withFraction(u, digits: 6) + "ms"
            }
        } else {
            let totalSeconds = u / 1_000_000_000
            let secondsText = FlyDuration.withFraction(u % 60_000_000_000, digits: 9) + "s"
            let minutes = (totalSeconds / 60) % 60
            let hours = totalSeconds / 3600
            text = ""
            if hours > 0 { text += "\(hours)h" }
            if hours > 0 || minutes > 0 { text += "\(minutes)m" }
            text += secondsText
        }
        return negative ? "-" + text : text
    }

    /// `value / 10^digits` printed with its fraction, trailing zeros dropped.
    private static func withFraction(_ value: UInt64, digits: Int) -> String {
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let whole = value / divisor
        var fraction = value % divisor
        if fraction == 0 { return "\(whole)" }
        var fracDigits: [Character] = []
        for _ in 0..<digits {
            fracDigits.append(Character(String(fraction % 10)))
            fraction /= 10
        }
        let text = String(fracDigits.reversed())
        var trimmed = Substring(text)
        while trimmed.last == "0" { trimmed = trimmed.dropLast() }
        return "\(whole).\(trimmed)"
    }

    // MARK: Codable (as the canonical string)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try FlyDuration.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a duration string could not be read.
public struct DurationParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    /// Go's wording: `time: invalid duration "1d"`, `time: unknown unit "d" in duration "1d"`.
    public var description: String { "time: \(reason) \"\(text)\"" }
}
