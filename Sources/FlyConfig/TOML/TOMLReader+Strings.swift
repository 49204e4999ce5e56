/// Strings: basic (`"..."`, with escapes), literal (`'...'`), and their multi-line forms.
///
/// Content is copied in runs of bytes between escapes, never character by character. Line ends
/// inside multi-line strings are normalised to LF.
extension TOMLReader {
    /// Reads any string value; the cursor is on its first quote.
    mutating func readString() throws(TOMLError) -> String {
        if cursor.startsWith("\"\"\"") { return try readMultilineString(literal: false) }
        if cursor.startsWith("'''") { return try readMultilineString(literal: true) }
        if cursor.current == ByteClass.apostrophe { return try readLiteralString() }
        return try readBasicString()
    }

    /// `"..."` on one line, with escapes.
    mutating func readBasicString() throws(TOMLError) -> String {
        let open = cursor.position()
        cursor.advance()
        var buffer: [UInt8] = []
        var runStart = cursor.offset
        while true {
            guard let b = cursor.current else { throw TOMLError("unterminated string", at: open) }
            switch b {
            case ByteClass.quote:
                let text = Self.finish(&buffer, cursor.bytes[runStart..<cursor.offset])
                cursor.advance()
                return text
            case ByteClass.backslash:
                buffer.append(contentsOf: cursor.bytes[runStart..<cursor.offset])
                try readEscape(into: &buffer)
                runStart = cursor.offset
            case ByteClass.lineFeed, ByteClass.carriageReturn:
                throw TOMLError("unterminated string (use \"\"\" for a multi-line string)", at: open)
            default:
                try skipStringByte(b)
            }
        }
    }

    /// `'...'` on one line, taken verbatim.
    mutating func readLiteralString() throws(TOMLError) -> String {
        let open = cursor.position()
        cursor.advance()
        let start = cursor.offset
        while true {
            guard let b = cursor.current else { throw TOMLError("unterminated string", at: open) }
            switch b {
            case ByteClass.apostrophe:
                let text = String(decoding: cursor.bytes[start..<cursor.offset], as: UTF8.self)
                cursor.advance()
                return text
            case ByteClass.lineFeed, ByteClass.carriageReturn:
                throw TOMLError("unterminated string (use ''' for a multi-line string)", at: open)
            default:
                try skipStringByte(b)
            }
        }
    }

    /// `"""..."""` or `'''...'''`. A line end right after the opening delimiter is dropped; up to two
    /// quotes may sit just inside the closing delimiter.
    private mutating func readMultilineString(literal: Bool) throws(TOMLError) -> String {
        let delimiter = literal ? ByteClass.apostrophe : ByteClass.quote
        let open = cursor.position()
        cursor.advance(by: 3)
        _ = try consumeNewline()
        var buffer: [UInt8] = []
        var runStart = cursor.offset
        while true {
            guard let b = cursor.current else { throw TOMLError("unterminated multi-line string", at: open) }
            switch b {
            case delimiter:
                var run = 0
                while cursor.peek(run) == delimiter { run += 1 }
                if run < 3 {
                    cursor.advance(by: run)
                    continue
                }
                if run > 5 {
                    throw error("too many quotes at the end of a multi-line string", atOffset: cursor.offset + 5)
                }
                let end = cursor.offset + run - 3
                let text = Self.finish(&buffer, cursor.bytes[runStart..<end])
                cursor.advance(by: run)
                return text
            case ByteClass.backslash where !literal:
                buffer.append(contentsOf: cursor.bytes[runStart..<cursor.offset])
                if try !skipLineEndingBackslash() { try readEscape(into: &buffer) }
                runStart = cursor.offset
            case ByteClass.lineFeed:
                cursor.advanceOverLineFeed()
            case ByteClass.carriageReturn:
                buffer.append(contentsOf: cursor.bytes[runStart..<cursor.offset])
                _ = try consumeNewline()
                buffer.append(ByteClass.lineFeed)
                runStart = cursor.offset
            default:
                try skipStringByte(b)
            }
        }
    }

    /// On a backslash followed by optional whitespace and a line end, skips it all plus any
    /// whitespace and line ends after it, and returns true. Otherwise moves nothing.
    private mutating func skipLineEndingBackslash() throws(TOMLError) -> Bool {
        var i = 1
        while let b = cursor.peek(i), ByteClass.isWhitespace(b) { i += 1 }
        guard let b = cursor.peek(i), b == ByteClass.lineFeed || b == ByteClass.carriageReturn else { return false }
        cursor.advance(by: i)
        while true {
            skipWhitespace()
            if try !consumeNewline() { return true }
        }
    }

    /// Steps over one ordinary content character (ASCII or a whole UTF-8 sequence), rejecting
    /// control characters and malformed UTF-8.
    private mutating func skipStringByte(_ b: UInt8) throws(TOMLError) {
        if b < 0x80 {
            if ByteClass.isForbiddenControl(b) {
                throw error("\(describeCurrent()) must be escaped in a string")
            }
            cursor.advance()
        } else {
            guard let length = ByteClass.scalarLength(in: cursor.bytes, at: cursor.offset) else {
                throw error("invalid UTF-8 in string")
            }
            cursor.advance(by: length)
        }
    }

    /// Reads the escape sequence under the cursor (on its backslash) and appends what it stands for.
    private mutating func readEscape(into buffer: inout [UInt8]) throws(TOMLError) {
        let start = cursor.offset
        guard let e = cursor.peek(1) else { throw error("unterminated string") }
        let simple: UInt8? = switch e {
        case 0x62: 0x08  // \b
        case 0x74: 0x09  // \t
        case 0x6E: 0x0A  // \n
        case 0x66: 0x0C  // \f
        case 0x72: 0x0D  // \r
        case ByteClass.quote: ByteClass.quote
        case ByteClass.backslash: ByteClass.backslash
        default: nil
        }
        if let simple {
            buffer.append(simple)
            cursor.advance(by: 2)
            return
        }
        let digits: Int
        switch e {
        case 0x75: digits = 4  // \u
        case 0x55: digits = 8  // \U
        default:
            let shown = (0x21..<0x7F).contains(e) ? "\\" + String(Character(Unicode.Scalar(e))) : "\\ followed by \(ByteClass.describe(cursor.bytes, at: start + 1))"
            throw error("invalid escape sequence \(shown)", atOffset: start)
        }
        var value: UInt32 = 0
        for i in 0..<digits {
            guard let b = cursor.peek(2 + i), let digit = ByteClass.hexValue(b) else {
                throw error("\\\(Character(Unicode.Scalar(e))) escape needs \(digits) hexadecimal digits", atOffset: start)
            }
            value = value << 4 | digit
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("escape \\\(Character(Unicode.Scalar(e)))\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar value", atOffset: start)
        }
        ByteClass.appendUTF8(scalar, to: &buffer)
        cursor.advance(by: 2 + digits)
    }

    /// The string made of `buffer` followed by `tail` (just `tail` when nothing was buffered).
    private static func finish(_ buffer: inout [UInt8], _ tail: ArraySlice<UInt8>) -> String {
        if buffer.isEmpty { return String(decoding: tail, as: UTF8.self) }
        buffer.append(contentsOf: tail)
        return String(decoding: buffer, as: UTF8.self)
    }
}
