/// Reads TOML 1.0 documents. Every key and value keeps its source position.
public enum TOMLParser {
    /// The deepest nesting of tables, arrays and inline tables a document may have. Deeper documents
    /// are rejected with an error rather than risking the stack.
    public static let maxNestingDepth = 512

    /// Parses a whole document given as raw bytes (which must be UTF-8).
    public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        var reader = TOMLReader(bytes)
        return try reader.readDocument()
    }

    /// Parses a whole document given as a string.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        try parse(Array(text.utf8))
    }
}
