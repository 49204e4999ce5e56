import FlyConfig

/// The number of columns (scalars) of each line of a document, as the reader counts them.
struct LineWidths {
    var widths: [Int] = [0]

    init(_ bytes: [UInt8]) {
        for b in bytes {
            if b == 0x0A {
                widths.append(0)
            } else if b & 0xC0 != 0x80 {
                widths[widths.count - 1] += 1
            }
        }
    }

    /// Line at least 1 and at most the last line; column at least 1 and at most one past the end
    /// of that line.
    func contains(_ position: SourcePosition) -> Bool {
        position.line >= 1 && position.line <= widths.count && position.column >= 1
            && position.column <= widths[position.line - 1] + 1
    }
}
