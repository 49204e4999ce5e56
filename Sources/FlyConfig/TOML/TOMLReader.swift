/// The TOML reader: walks the document expression by expression (blank line, comment, table header
/// or key/value pair), parses keys and values from bytes, and hands them to a `TableBuilder` that
/// enforces the define-once rules.
struct TOMLReader {
    var cursor: ByteCursor
    var builder = TableBuilder(rootDepth: 0)

    init(_ bytes: [UInt8]) {
        cursor = ByteCursor(bytes)
    }

    mutating func readDocument() throws(TOMLError) -> TOMLTable {
        cursor.skipByteOrderMark()
        while true {
            skipWhitespace()
            guard let b = cursor.current else { break }
            switch b {
            case ByteClass.hash:
                try skipComment()
            case ByteClass.lineFeed, ByteClass.carriageReturn:
                _ = try consumeNewline()
            case ByteClass.openBracket:
                try readHeader()
                try expectLineEnd(after: "table header")
            default:
                let (key, value) = try readKeyValue(tableDepth: builder.currentDepth)
                try builder.insert(key, value)
                try expectLineEnd(after: "value")
            }
        }
        return builder.finish()
    }

    /// `[a.b]` or `[[a.b]]`.
    private mutating func readHeader() throws(TOMLError) {
        let start = cursor.position()
        cursor.advance()
        let isArray = cursor.current == ByteClass.openBracket
        if isArray { cursor.advance() }
        skipWhitespace()
        let key = try readKey()
        skipWhitespace()
        let closing = isArray ? "']]'" : "']'"
        guard cursor.current == ByteClass.closeBracket else {
            throw error("expected \(closing) to close the table header, found \(describeCurrent())")
        }
        cursor.advance()
        if isArray {
            guard cursor.current == ByteClass.closeBracket else {
                throw error("expected \(closing) to close the array of tables header, found \(describeCurrent())")
            }
            cursor.advance()
            try builder.appendArrayElement(key, headerPosition: start)
        } else {
            try builder.openTable(key, headerPosition: start)
        }
    }

    /// `key = value` in a table at nesting depth `tableDepth`.
    mutating func readKeyValue(tableDepth: Int) throws(TOMLError) -> ([KeySegment], TOMLNode) {
        let key = try readKeyAndEquals()
        return (key, try readValue(depth: tableDepth + key.count))
    }

    /// A key, the `=` after it, and the whitespace around; the cursor ends on the value.
    mutating func readKeyAndEquals() throws(TOMLError) -> [KeySegment] {
        let key = try readKey()
        skipWhitespace()
        guard cursor.current == ByteClass.equals else {
            throw error("expected '=' after key \(KeySegment.display(key)), found \(describeCurrent())")
        }
        cursor.advance()
        skipWhitespace()
        return key
    }
}
