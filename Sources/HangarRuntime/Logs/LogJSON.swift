/// The small slice of JSON the log files and `--json` need, on bytes: writing escaped strings, and
/// reading back a flat object whose values are strings (other scalar values are skipped).
enum LogJSON {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal, quotes included. Control characters (and DEL) are
    /// escaped, so a record never contains a raw newline; everything else is copied as UTF-8.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `"key":"value"` (with a leading comma unless `first`).
    static func appendField(_ key: String, _ value: String, first: Bool = false, to out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        appendString(value, to: &out)
    }

    /// Parses `{"k":"v",...}`. String values are returned; numbers, booleans and null are skipped;
    /// nested arrays or objects, bad escapes or trailing garbage give nil.
    static func parseFlatObject(_ bytes: ArraySlice<UInt8>) -> [String: String]? {
        var parser = Parser(bytes: bytes)
        return parser.flatObject()
    }

    private struct Parser {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        mutating func skipSpace() {
            while index < bytes.endIndex {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.endIndex, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func flatObject() -> [String: String]? {
            guard consume(UInt8(ascii: "{")) else { return nil }
            var result: [String: String] = [:]
            if consume(UInt8(ascii: "}")) { return finished(result) }
            while true {
                skipSpace()
                guard let key = string(), consume(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                guard index < bytes.endIndex else { return nil }
                if bytes[index] == UInt8(ascii: "\"") {
                    guard let value = string() else { return nil }
                    result[key] = value
                } else {
                    guard scalar() else { return nil }
                }
                if consume(UInt8(ascii: ",")) { continue }
                guard consume(UInt8(ascii: "}")) else { return nil }
                return finished(result)
            }
        }

        mutating func finished(_ result: [String: String]) -> [String: String]? {
            skipSpace()
            return index == bytes.endIndex ? result : nil
        }

        /// Skips a number, `true`, `false` or `null`.
        mutating func scalar() -> Bool {
            let start = index
            while index < bytes.endIndex {
                let byte = bytes[index]
                let isScalarByte =
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "E")
                guard isScalarByte else { break }
                index += 1
            }
            return index > start
        }

        mutating func hexQuad() -> UInt32? {
            guard bytes.endIndex - index >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        mutating func string() -> String? {
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var out: [UInt8] = []
            while index < bytes.endIndex {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.endIndex else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        UTF8.encode(scalar) { out.append($0) }
                    default: return nil
                    }
                default:
                    out.append(byte)
                }
            }
            return nil
        }

        /// After `\u`: one code unit, or a surrogate pair. A lone surrogate becomes U+FFFD.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let unit = hexQuad() else { return nil }
            if (0xD800...0xDBFF).contains(unit) {
                let save = index
                if bytes.endIndex - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    index += 2
                    if let low = hexQuad(), (0xDC00...0xDFFF).contains(low) {
                        let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        return Unicode.Scalar(value) ?? "\u{FFFD}"
                    }
                    index = save
                }
                return "\u{FFFD}"
            }
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        }
    }
}
