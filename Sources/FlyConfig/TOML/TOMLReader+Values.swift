/// Values: strings, bare literals (booleans, numbers, dates, times), arrays and inline tables.
///
/// Arrays and inline tables are read without recursion: the containers still open are kept on an
/// explicit stack, so nesting costs heap, not call stack. The nesting depth is still capped at
/// `TOMLParser.maxNestingDepth` so that the finished tree is reasonable for its users.
extension TOMLReader {
    /// An array or inline table whose elements are being read.
    private struct OpenContainer {
        var opened: SourcePosition
        /// The container's own nesting depth.
        var depth: Int
        /// Elements so far, for an array.
        var elements: [TOMLNode] = []
        /// Entries so far, for an inline table (nil for an array).
        var table: TableBuilder?
        /// For an inline table, the key whose value is being read.
        var key: [KeySegment] = []

        /// The nesting depth of the value being read inside this container.
        var valueDepth: Int { table == nil ? depth + 1 : depth + key.count }
    }

    /// Reads the value under the cursor. `depth` is the nesting depth the value has if it is an
    /// array or inline table.
    mutating func readValue(depth: Int) throws(TOMLError) -> TOMLNode {
        var open: [OpenContainer] = []
        readingValues: while true {
            guard var value = try readValueStart(depth: open.last?.valueDepth ?? depth, open: &open) else { continue }
            while let top = open.indices.last {
                guard let finished = try continueContainer(top, after: value, open: &open) else { continue readingValues }
                value = finished
            }
            return value
        }
    }

    /// Reads a whole scalar, or an empty array or inline table, and returns it; or opens a
    /// container (pushed on `open`) and returns nil, leaving the cursor on its first element.
    private mutating func readValueStart(depth: Int, open: inout [OpenContainer]) throws(TOMLError) -> TOMLNode? {
        let position = cursor.position()
        guard let b = cursor.current else { throw error("expected a value, found end of file") }
        switch b {
        case ByteClass.quote, ByteClass.apostrophe:
            return TOMLNode(.string(try readString()), at: position)
        case ByteClass.openBracket:
            try checkDepth(depth)
            cursor.advance()
            try skipTrivia()
            if cursor.current == ByteClass.closeBracket {
                cursor.advance()
                return TOMLNode(.array([]), at: position)
            }
            if cursor.isAtEnd { throw error("unterminated array (opened at \(position))") }
            open.append(OpenContainer(opened: position, depth: depth))
            return nil
        case ByteClass.openBrace:
            try checkDepth(depth)
            cursor.advance()
            skipWhitespace()
            if cursor.current == ByteClass.closeBrace {
                cursor.advance()
                return TOMLNode(.table(TOMLTable()), at: position)
            }
            try checkInlineTableContinues(position)
            let key = try readKeyAndEquals()
            open.append(OpenContainer(opened: position, depth: depth, table: TableBuilder(rootDepth: depth), key: key))
            return nil
        case _ where ByteClass.isBareValue(b):
            return TOMLNode(try readBareValue(), at: position)
        default:
            throw error("expected a value, found \(describeCurrent())")
        }
    }

    /// Adds `value` to the container `open[index]` (the innermost). Returns the finished container
    /// (removed from the stack) if it closes, or nil if another element follows.
    private mutating func continueContainer(_ index: Int, after value: TOMLNode,
                                            open: inout [OpenContainer]) throws(TOMLError) -> TOMLNode? {
        let opened = open[index].opened
        if open[index].table == nil {
            // Array: elements may be separated by line ends and comments; a trailing comma is allowed.
            open[index].elements.append(value)
            try skipTrivia()
            if cursor.current == ByteClass.comma {
                cursor.advance()
                try skipTrivia()
                if cursor.isAtEnd { throw error("unterminated array (opened at \(opened))") }
                if cursor.current != ByteClass.closeBracket { return nil }
            }
            switch cursor.current {
            case ByteClass.closeBracket:
                cursor.advance()
                let node = TOMLNode(.array(open[index].elements), at: opened)
                open.removeLast()
                return node
            case nil:
                throw error("unterminated array (opened at \(opened))")
            default:
                throw error("expected ',' or ']' after an array element, found \(describeCurrent())")
            }
        }
        // Inline table: on one line, no trailing comma.
        let key = open[index].key
        try open[index].table?.insert(key, value)
        skipWhitespace()
        switch cursor.current {
        case ByteClass.comma:
            cursor.advance()
            skipWhitespace()
            if cursor.current == ByteClass.closeBrace {
                throw error("trailing comma is not allowed in an inline table")
            }
            try checkInlineTableContinues(opened)
            open[index].key = try readKeyAndEquals()
            return nil
        case ByteClass.closeBrace:
            cursor.advance()
            let node = TOMLNode(.table(open[index].table?.finish() ?? TOMLTable()), at: opened)
            open.removeLast()
            return node
        default:
            try checkInlineTableContinues(opened)
            throw error("expected ',' or '}' in an inline table, found \(describeCurrent())")
        }
    }

    private mutating func checkDepth(_ depth: Int) throws(TOMLError) {
        guard depth <= TOMLParser.maxNestingDepth else {
            throw error("arrays and tables nested deeper than \(TOMLParser.maxNestingDepth) levels")
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
