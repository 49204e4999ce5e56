/// Reads TOML 1.0 documents. Every key and value keeps its source position.
public enum TOMLParser {
    /// Parses a whole document given as raw bytes (which must be UTF-8).
    public static func parse(_ bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        throw TOMLError("TOML reader not implemented yet", at: SourcePosition(line: 1, column: 1))
    }

    /// Parses a whole document given as a string.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        try parse(Array(text.utf8))
    }
}
