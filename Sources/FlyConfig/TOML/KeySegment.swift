/// One segment of a possibly dotted key (`a."b c".d` has three), with where it is written.
struct KeySegment: Sendable {
    var name: String
    var position: SourcePosition

    /// The key as a quoted dotted path for messages: `"servers.port"`.
    static func display(_ key: some Collection<KeySegment>) -> String {
        "\"" + key.map(\.name).joined(separator: ".") + "\""
    }
}

/// Keys: bare (`port`), quoted (`"a b"`, `'c:\d'`) and dotted (`http_service.concurrency.type`).
extension TOMLReader {
    /// Reads a key made of one or more segments separated by dots (whitespace around dots allowed).
    mutating func readKey() throws(TOMLError) -> [KeySegment] {
        var segments: [KeySegment] = []
        while true {
            segments.append(try readKeySegment())
            skipWhitespace()
            guard cursor.current == ByteClass.dot else { return segments }
            cursor.advance()
            skipWhitespace()
        }
    }

    private mutating func readKeySegment() throws(TOMLError) -> KeySegment {
        let position = cursor.position()
        switch cursor.current {
        case ByteClass.quote:
            if cursor.startsWith("\"\"\"") { throw error("a key cannot be a multi-line string") }
            return KeySegment(name: try readBasicString(), position: position)
        case ByteClass.apostrophe:
            if cursor.startsWith("'''") { throw error("a key cannot be a multi-line string") }
            return KeySegment(name: try readLiteralString(), position: position)
        case let b? where ByteClass.isBareKey(b):
            let start = cursor.offset
            while let b = cursor.current, ByteClass.isBareKey(b) { cursor.advance() }
            let name = String(decoding: cursor.bytes[start..<cursor.offset], as: UTF8.self)
            return KeySegment(name: name, position: position)
        default:
            throw error("expected a key, found \(describeCurrent())")
        }
    }
}
