/// Whitespace, comments and line ends.
extension TOMLReader {
    /// Skips spaces and tabs.
    mutating func skipWhitespace() {
        while let b = cursor.current, ByteClass.isWhitespace(b) { cursor.advance() }
    }

    /// Consumes a line end (LF or CRLF) if one is under the cursor. A carriage return not followed
    /// by a line feed is an error.
    mutating func consumeNewline() throws(TOMLError) -> Bool {
        switch cursor.current {
        case ByteClass.lineFeed:
            cursor.advanceOverLineFeed()
            return true
        case ByteClass.carriageReturn:
            guard cursor.peek(1) == ByteClass.lineFeed else {
                throw error("carriage return not followed by a line feed")
            }
            cursor.advance()
            cursor.advanceOverLineFeed()
            return true
        default:
            return false
        }
    }

    /// Skips a comment (from `#` to the end of the line, the line end excluded), checking that it
    /// holds no control characters and only well-formed UTF-8.
    mutating func skipComment() throws(TOMLError) {
        guard cursor.current == ByteClass.hash else { return }
        cursor.advance()
        while let b = cursor.current {
            if b == ByteClass.lineFeed { return }
            if b == ByteClass.carriageReturn {
                if cursor.peek(1) == ByteClass.lineFeed { return }
                throw error("carriage return not followed by a line feed")
            }
            if b < 0x80 {
                if ByteClass.isForbiddenControl(b) {
                    throw error("\(ByteClass.describe(cursor.bytes, at: cursor.offset)) is not allowed in a comment")
                }
                cursor.advance()
            } else {
                guard let length = ByteClass.scalarLength(in: cursor.bytes, at: cursor.offset) else {
                    throw error("invalid UTF-8 in comment")
                }
                cursor.advance(by: length)
            }
        }
    }

    /// Skips whitespace, comments and line ends (between array elements).
    mutating func skipTrivia() throws(TOMLError) {
        while true {
            skipWhitespace()
            if cursor.current == ByteClass.hash { try skipComment() }
            if try !consumeNewline() { return }
        }
    }

    /// After a key/value pair or a table header: optional whitespace and comment, then a line end
    /// or the end of the document.
    mutating func expectLineEnd(after what: String) throws(TOMLError) {
        skipWhitespace()
        try skipComment()
        if cursor.isAtEnd { return }
        if try consumeNewline() { return }
        throw error("expected end of line after \(what), found \(describeCurrent())")
    }

    /// The byte under the cursor, described for an error message.
    func describeCurrent() -> String {
        ByteClass.describe(cursor.bytes, at: cursor.offset)
    }

    /// An error at the cursor.
    mutating func error(_ message: String) -> TOMLError {
        TOMLError(message, at: cursor.position())
    }

    /// An error at a byte offset on the current line.
    mutating func error(_ message: String, atOffset offset: Int) -> TOMLError {
        TOMLError(message, at: cursor.position(of: offset))
    }
}
