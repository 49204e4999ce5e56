import Synchronization

/// Splits a byte stream into newline-terminated lines, keeping a partial line for the next piece.
/// A line over `maxLine` bytes is dropped rather than kept growing.
final class LineSplitter: Sendable {
    private let pending = Mutex<[UInt8]>([])
    private let maxLine: Int

    init(maxLine: Int = 1024 * 1024) {
        self.maxLine = maxLine
    }

    func feed(_ data: [UInt8]) -> [[UInt8]] {
        pending.withLock { pending in
            pending += data
            var lines: [[UInt8]] = []
            while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(Array(pending[..<end]))
                pending.removeFirst(end + 1)
            }
            if pending.count > maxLine { pending.removeAll() }
            return lines
        }
    }
}
