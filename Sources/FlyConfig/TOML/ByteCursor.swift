/// A read position in a UTF-8 document that knows its line and can tell its column.
///
/// The cursor moves over raw bytes. It only tracks the current line number and the offset where
/// that line starts; columns (in Unicode scalars) are computed on demand, with a small cache so that
/// asking for positions left to right along a long line stays linear.
struct ByteCursor {
    let bytes: [UInt8]
    private(set) var offset: Int = 0
    private(set) var line: Int = 1
    private(set) var lineStart: Int = 0
    private var cachedOffset: Int = 0
    private var cachedColumn: Int = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset >= bytes.count }

    /// The byte under the cursor, or nil at the end.
    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// The byte `ahead` places after the cursor, or nil past the end.
    func peek(_ ahead: Int) -> UInt8? {
        let i = offset + ahead
        return i >= 0 && i < bytes.count ? bytes[i] : nil
    }

    /// Whether the bytes at the cursor start with `literal`.
    func startsWith(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { buffer in
            for i in 0..<count where bytes[offset + i] != buffer[i] { return false }
            return true
        }
    }

    /// Moves forward within the current line. Never use it to step over a line feed.
    mutating func advance(by count: Int = 1) {
        offset = min(offset + count, bytes.count)
    }

    /// Steps over the line feed under the cursor and starts a new line.
    mutating func advanceOverLineFeed() {
        offset = min(offset + 1, bytes.count)
        line += 1
        lineStart = offset
        cachedOffset = offset
        cachedColumn = 1
    }

    /// Skips a byte-order mark at the very start, so that columns on line 1 ignore it.
    mutating func skipByteOrderMark() {
        guard offset == 0, startsWith("\u{FEFF}") else { return }
        offset = 3
        lineStart = 3
        cachedOffset = 3
    }

    /// The position of the cursor.
    mutating func position() -> SourcePosition {
        position(of: offset)
    }

    /// The position of a byte offset. Cheap for offsets on the current line; offsets on earlier
    /// lines (only needed on error paths) are found by scanning from the start.
    mutating func position(of target: Int) -> SourcePosition {
        let target = max(0, min(target, bytes.count))
        guard target >= lineStart else { return Self.scanPosition(of: target, in: bytes) }
        var from = lineStart
        var column = 1
        if target >= cachedOffset, cachedOffset >= lineStart {
            from = cachedOffset
            column = cachedColumn
        }
        column += Self.scalarStarts(in: bytes, from: from, to: target)
        cachedOffset = target
        cachedColumn = column
        return SourcePosition(line: line, column: column)
    }

    /// Number of bytes in `from..<to` that start a scalar (are not UTF-8 continuation bytes).
    private static func scalarStarts(in bytes: [UInt8], from: Int, to: Int) -> Int {
        var count = 0
        var i = from
        while i < to {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    private static func scanPosition(of target: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var i = 0
        while i < target {
            if bytes[i] == 0x0A {
                line += 1
                start = i + 1
            }
            i += 1
        }
        return SourcePosition(line: line, column: 1 + scalarStarts(in: bytes, from: min(start, target), to: target))
    }
}
