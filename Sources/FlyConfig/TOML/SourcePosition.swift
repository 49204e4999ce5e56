/// A place in a source file: 1-based line and 1-based column.
///
/// Columns count Unicode scalars from the start of the line, so a position printed as
/// `fly.toml:12:3` points at the same character an editor shows.
public struct SourcePosition: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// A position for values that do not come from the file (defaults, synthesized entries).
    public static let unknown = SourcePosition(line: 0, column: 0)

    public var isKnown: Bool { line > 0 }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
