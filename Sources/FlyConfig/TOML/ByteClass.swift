/// Byte classes of the TOML grammar and UTF-8 validation.
enum ByteClass {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22  // "
    static let hash: UInt8 = 0x23  // #
    static let apostrophe: UInt8 = 0x27  // '
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let equals: UInt8 = 0x3D
    static let openBracket: UInt8 = 0x5B  // [
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D  // ]
    static let underscore: UInt8 = 0x5F
    static let openBrace: UInt8 = 0x7B  // {
    static let closeBrace: UInt8 = 0x7D  // }

    static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    static func isBareKey(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == minus || b == underscore }

    /// Bytes that can appear in an unquoted value: numbers, booleans, dates, times, inf, nan.
    static func isBareValue(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == minus || b == underscore || b == plus || b == dot || b == colon
    }

    /// Control characters TOML forbids in comments and strings (tab is allowed).
    static func isForbiddenControl(_ b: UInt8) -> Bool { (b < 0x20 && b != tab) || b == 0x7F }

    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        default: nil
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (1 to 4), or nil if the bytes
    /// there are not well-formed UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
    static func scalarLength(in bytes: [UInt8], at i: Int) -> Int? {
        guard i < bytes.count else { return nil }
        func continuation(_ j: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            j < bytes.count && range.contains(bytes[j])
        }
        switch bytes[i] {
        case 0x00...0x7F:
            return 1
        case 0xC2...0xDF:
            return continuation(i + 1) ? 2 : nil
        case 0xE0:
            return continuation(i + 1, 0xA0...0xBF) && continuation(i + 2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(i + 1) && continuation(i + 2) ? 3 : nil
        case 0xED:
            return continuation(i + 1, 0x80...0x9F) && continuation(i + 2) ? 3 : nil
        case 0xF0:
            return continuation(i + 1, 0x90...0xBF) && continuation(i + 2) && continuation(i + 3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : nil
        case 0xF4:
            return continuation(i + 1, 0x80...0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : nil
        default:
            return nil
        }
    }

    /// Appends the UTF-8 encoding of `scalar` to `buffer`.
    static func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        if let encoded = UTF8.encode(scalar) { buffer.append(contentsOf: encoded) }
    }

    /// A short, printable description of the byte at `i` for error messages.
    static func describe(_ bytes: [UInt8], at i: Int) -> String {
        guard i < bytes.count else { return "end of file" }
        let b = bytes[i]
        switch b {
        case lineFeed: return "end of line"
        case carriageReturn: return "carriage return"
        case tab: return "tab"
        case 0x00: return "NUL byte"
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(b)))'"
        case 0x00..<0x20, 0x7F: return "control character U+\(hex4(UInt32(b)))"
        default:
            if let length = scalarLength(in: bytes, at: i) {
                let text = String(decoding: bytes[i..<i + length], as: UTF8.self)
                return "'\(text)'"
            }
            return "invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true))"
        }
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
