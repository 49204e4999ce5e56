/// Values: strings, bare literals (booleans, numbers, dates, times), arrays and inline tables.
extension TOMLReader {
    /// Reads the value under the cursor. `depth` is the nesting depth the value would have if it
    /// is an array or inline table; deeper than `TOMLParser.maxNestingDepth` is an error.
    mutating func readValue(depth: Int) throws(TOMLError) -> TOMLNode {
        let position = cursor.position()
        guard let b = cursor.current else { throw error("expected a value, found end of file") }
        switch b {
        case ByteClass.quote, ByteClass.apostrophe:
            return TOMLNode(.string(try readString()), at: position)
        case ByteClass.openBracket:
            try checkDepth(depth)
            return TOMLNode(.array(try readArray(depth: depth, opened: position)), at: position)
        case ByteClass.openBrace:
            try checkDepth(depth)
            return TOMLNode(.table(try readInlineTable(depth: depth, opened: position)), at: position)
        case _ where ByteClass.isBareValue(b):
            return TOMLNode(try readBareValue(), at: position)
        default:
            throw error("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func checkDepth(_ depth: Int) throws(TOMLError) {
        guard depth <= TOMLParser.maxNestingDepth else {
            throw error("arrays and tables nested deeper than \(TOMLParser.maxNestingDepth) levels")
        }
    }

    /// `[1, 2, 3,]`: elements may be separated by line ends and comments; a trailing comma is allowed.
    private mutating func readArray(depth: Int, opened: SourcePosition) throws(TOMLError) -> [TOMLNode] {
        cursor.advance()
        var elements: [TOMLNode] = []
        while true {
            try skipTrivia()
            if cursor.current == ByteClass.closeBracket { break }
            if cursor.isAtEnd { throw error("unterminated array (opened at \(opened))") }
            elements.append(try readValue(depth: depth + 1))
            try skipTrivia()
            switch cursor.current {
            case ByteClass.comma:
                cursor.advance()
            case ByteClass.closeBracket:
                break
            case nil:
                throw error("unterminated array (opened at \(opened))")
            default:
                throw error("expected ',' or ']' after an array element, found \(describeCurrent())")
            }
        }
        cursor.advance()
        return elements
    }

    /// `{ a = 1, b.c = "x" }`: on one line, no trailing comma.
    private mutating func readInlineTable(depth: Int, opened: SourcePosition) throws(TOMLError) -> TOMLTable {
        cursor.advance()
        var table = TableBuilder(rootDepth: depth)
        skipWhitespace()
        if cursor.current == ByteClass.closeBrace {
            cursor.advance()
            return table.finish()
        }
        while true {
            try checkInlineTableContinues(opened)
            let (key, value) = try readKeyValue(tableDepth: depth)
            try table.insert(key, value)
            skipWhitespace()
            switch cursor.current {
            case ByteClass.comma:
                cursor.advance()
                skipWhitespace()
                if cursor.current == ByteClass.closeBrace {
                    throw error("trailing comma is not allowed in an inline table")
                }
            case ByteClass.closeBrace:
                cursor.advance()
                return table.finish()
            default:
                try checkInlineTableContinues(opened)
                throw error("expected ',' or '}' in an inline table, found \(describeCurrent())")
            }
        }
    }

    private mutating func checkInlineTableContinues(_ opened: SourcePosition) throws(TOMLError) {
        switch cursor.current {
        case nil:
            throw error("unterminated inline table (opened at \(opened))")
        case ByteClass.lineFeed, ByteClass.carriageReturn, ByteClass.hash:
            throw error("an inline table must be on one line (unterminated inline table opened at \(opened))")
        default:
            return
        }
    }

    /// Booleans, numbers, `inf`, `nan`, dates and times.
    private mutating func readBareValue() throws(TOMLError) -> TOMLValue {
        let bytes = cursor.bytes
        let start = cursor.offset
        scanBareValue()
        // A date and a time may be separated by a space: `1979-05-27 07:32:00`.
        if cursor.offset - start == 10, DateTimeLiteral.looksLikeDate(bytes, start, cursor.offset),
           cursor.current == ByteClass.space, DateTimeLiteral.looksLikeTime(bytes, cursor.offset + 1, bytes.count) {
            cursor.advance()
            scanBareValue()
        }
        let end = cursor.offset
        let token = bytes[start..<end]
        if token.elementsEqual("true".utf8) { return .boolean(true) }
        if token.elementsEqual("false".utf8) { return .boolean(false) }
        if ByteClass.isLetter(bytes[start]), !token.elementsEqual("inf".utf8), !token.elementsEqual("nan".utf8) {
            let shown = String(decoding: token.prefix(40), as: UTF8.self)
            let hint = bytes[start] == 0x74 || bytes[start] == 0x66 ? "expected true or false" : "strings must be quoted"
            throw error("invalid value \"\(shown)\" (\(hint))", atOffset: start)
        }
        do {
            if DateTimeLiteral.looksLikeDate(bytes, start, end) || DateTimeLiteral.looksLikeTime(bytes, start, end) {
                return try DateTimeLiteral.parse(bytes, start, end)
            }
            return try NumberLiteral.parse(bytes, start, end)
        } catch {
            throw self.error(error.message, atOffset: error.offset)
        }
    }

    private mutating func scanBareValue() {
        while let b = cursor.current, ByteClass.isBareValue(b) { cursor.advance() }
    }
}
