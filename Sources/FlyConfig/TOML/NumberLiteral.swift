/// Integers and floats: `42`, `-17`, `1_000`, `0xDEAD_BEEF`, `0o755`, `0b1101`, `3.14`, `6.02e23`,
/// `+inf`, `-nan`. Integers must fit in Int64.
enum NumberLiteral {
    /// Parses `bytes[start..<end]`, which holds the whole literal.
    static func parse(_ bytes: [UInt8], _ start: Int, _ end: Int) throws(LiteralError) -> TOMLValue {
        var i = start
        var negative = false
        var signed = false
        if i < end, bytes[i] == ByteClass.plus || bytes[i] == ByteClass.minus {
            negative = bytes[i] == ByteClass.minus
            signed = true
            i += 1
        }
        if matches(bytes, i, end, "inf") { return .float(negative ? -.infinity : .infinity) }
        if matches(bytes, i, end, "nan") { return .float(.nan) }
        guard i < end else { throw LiteralError("expected a digit after the sign", at: i) }

        if bytes[i] == 0x30, i + 1 < end, let radix = prefixRadix(bytes[i + 1]) {
            if signed {
                throw LiteralError("a sign is not allowed on hexadecimal, octal or binary integers", at: start)
            }
            return .integer(try parseRadix(bytes, i + 2, end, radix: radix, literalStart: start))
        }

        let integerStart = i
        i = try scanDigits(bytes, i, end, radix: 10, what: "a digit")
        if bytes[integerStart] == 0x30, i - integerStart > 1 {
            throw LiteralError("leading zeros are not allowed in numbers", at: integerStart)
        }
        var isFloat = false
        if i < end, bytes[i] == ByteClass.dot {
            i = try scanDigits(bytes, i + 1, end, radix: 10, what: "a digit after the decimal point")
            isFloat = true
        }
        if i < end, bytes[i] == 0x65 || bytes[i] == 0x45 {  // e E
            i += 1
            if i < end, bytes[i] == ByteClass.plus || bytes[i] == ByteClass.minus { i += 1 }
            i = try scanDigits(bytes, i, end, radix: 10, what: "a digit in the exponent")
            isFloat = true
        }
        if i < end {
            let found = ByteClass.describe(bytes, at: i)
            if bytes[i] == ByteClass.minus || bytes[i] == ByteClass.colon {
                throw LiteralError("unexpected \(found): dates are YYYY-MM-DD and times HH:MM:SS", at: i)
            }
            throw LiteralError("unexpected \(found) in number", at: i)
        }
        if isFloat {
            let text = String(decoding: bytes[start..<end].lazy.filter { $0 != ByteClass.underscore }, as: UTF8.self)
            guard let value = Double(text) else { throw LiteralError("invalid float", at: start) }
            return .float(value)
        }
        return .integer(try decimalValue(bytes, integerStart, end, negative: negative, literalStart: start))
    }

    private static func matches(_ bytes: [UInt8], _ i: Int, _ end: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end - i == count else { return false }
        return word.withUTF8Buffer { buffer in
            for k in 0..<count where bytes[i + k] != buffer[k] { return false }
            return true
        }
    }

    private static func prefixRadix(_ b: UInt8) -> Int64? {
        switch b {
        case 0x78: 16  // x
        case 0x6F: 8  // o
        case 0x62: 2  // b
        default: nil
        }
    }

    private static func digitValue(_ b: UInt8, radix: Int64) -> Int64? {
        guard let value = ByteClass.hexValue(b).map(Int64.init), value < radix else { return nil }
        return value
    }

    /// Scans digits of `radix` with single underscores between them; returns the offset after them.
    private static func scanDigits(_ bytes: [UInt8], _ from: Int, _ end: Int, radix: Int64,
                                   what: String) throws(LiteralError) -> Int {
        var i = from
        var lastWasDigit = false
        var digits = 0
        while i < end {
            let b = bytes[i]
            if digitValue(b, radix: radix) != nil {
                lastWasDigit = true
                digits += 1
            } else if b == ByteClass.underscore {
                guard lastWasDigit else { throw LiteralError("'_' must sit between two digits", at: i) }
                lastWasDigit = false
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { throw LiteralError("expected \(what), found \(ByteClass.describe(bytes, at: i))", at: i) }
        guard lastWasDigit else { throw LiteralError("'_' must sit between two digits", at: i - 1) }
        return i
    }

    private static func parseRadix(_ bytes: [UInt8], _ from: Int, _ end: Int, radix: Int64,
                                   literalStart: Int) throws(LiteralError) -> Int64 {
        let stop = try scanDigits(bytes, from, end, radix: radix, what: "a digit")
        if stop < end {
            throw LiteralError("unexpected \(ByteClass.describe(bytes, at: stop)) in number", at: stop)
        }
        var value: Int64 = 0
        for b in bytes[from..<end] {
            guard let digit = digitValue(b, radix: radix) else { continue }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 {
                throw LiteralError("integer out of range (must fit in 64 bits, signed)", at: literalStart)
            }
            value = sum
        }
        return value
    }

    private static func decimalValue(_ bytes: [UInt8], _ from: Int, _ end: Int, negative: Bool,
                                     literalStart: Int) throws(LiteralError) -> Int64 {
        var value: Int64 = 0
        for b in bytes[from..<end] where b != ByteClass.underscore {
            let digit = Int64(b &- 0x30)
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? shifted.subtractingReportingOverflow(digit)
                                            : shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 {
                throw LiteralError("integer out of range (must fit in 64 bits, signed)", at: literalStart)
            }
            value = sum
        }
        return value
    }
}
