/// Small text helpers for HTTP messages and for quoting untrusted bytes in errors and logs.
enum HTTPText {
    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// Untrusted text in quotes, with control, quote, backslash and non-ASCII characters escaped and
    /// anything past 64 characters cut, so a hostile value cannot garble a terminal or a log line.
    static func quoted(_ text: String) -> String {
        quoted(bytes: Array(text.utf8))
    }

    static func quoted<C: Collection>(bytes: C) -> String where C.Element == UInt8 {
        var shown = "\""
        var count = 0
        for byte in bytes {
            if count == 64 {
                shown += "..."
                break
            }
            switch byte {
            case UInt8(ascii: "\""): shown += "\\\""
            case UInt8(ascii: "\\"): shown += "\\\\"
            case 0x20..<0x7F: shown.unicodeScalars.append(Unicode.Scalar(byte))
            default: shown += "\\x" + hex(byte)
            }
            count += 1
        }
        return shown + "\""
    }

    /// Text safe for one log line: control characters escaped, at most `limit` bytes.
    static func loggable(_ text: String, limit: Int = 200) -> String {
        var shown = ""
        var count = 0
        for byte in text.utf8 {
            if count == limit {
                shown += "..."
                break
            }
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") {
                shown.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                shown += "\\x" + hex(byte)
            }
            count += 1
        }
        return shown
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
