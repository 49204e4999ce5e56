/// Reads the records of one log file, from either end, on a file descriptor.
///
/// Only records ended by `\n` count: bytes after the last newline (a record being written, or torn
/// by a crash) are left alone. A "line" longer than `maxRecordBytes` cannot be ours and is skipped
/// without holding it in memory.
struct LogFileScanner {
    static let chunkBytes = 64 << 10
    /// Far above the largest record a writer makes (a 64 KiB message fully escaped is ~400 KiB).
    static let maxRecordBytes = 8 << 20

    let fd: Int32

    /// Calls `body` with each complete record in `0..<end`, last first, until it returns false.
    func backward(end: Int64, _ body: (ArraySlice<UInt8>) -> Bool) {
        var position = end
        // The first line of the previous chunk with its newline: it may start further back.
        var carry: [UInt8] = []
        while position > 0 {
            let start = max(0, position - Int64(Self.chunkBytes))
            var data = LogFileIO.read(fd, count: Int(position - start), at: start)
            guard Int64(data.count) == position - start else { return }
            position = start
            data.append(contentsOf: carry)
            carry = []
            var newlines: [Int] = []
            for index in data.indices where data[index] == 0x0A { newlines.append(index) }
            guard let first = newlines.first else { continue }  // all of it trails the last record
            var later = newlines.count - 1
            while later >= 1 {
                if !body(data[(newlines[later - 1] + 1)..<newlines[later]]) { return }
                later -= 1
            }
            if position == 0 {
                if !body(data[0..<first]) { return }
            } else if first < Self.maxRecordBytes {
                carry = Array(data[0...first])
            }
            // else: an oversized piece; dropping the carry makes its beginning trail, and it is skipped.
        }
    }

    /// Calls `body` with each complete record from `offset` on, first first, reading at most
    /// `limit` bytes. Returns the offset after the last complete record (where to continue) and
    /// whether the limit stopped the reading (there may be more). When the limit is reached without
    /// a single newline, the bytes read are skipped (no record of ours is that long), so a caller
    /// always makes progress.
    @discardableResult
    func forward(from offset: Int64, limit: Int64 = Int64.max, _ body: (ArraySlice<UInt8>) -> Void)
        -> (end: Int64, limited: Bool)
    {
        var position = offset
        var pending: [UInt8] = []
        var consumed = offset  // offset just past the last newline seen
        var budget = limit
        while budget > 0 {
            let data = LogFileIO.read(fd, count: Int(min(Int64(Self.chunkBytes), budget)), at: position)
            if data.isEmpty { break }
            position += Int64(data.count)
            budget -= Int64(data.count)
            var lineStart = data.startIndex
            for index in data.indices where data[index] == 0x0A {
                if pending.isEmpty {
                    body(data[lineStart..<index])
                } else {
                    pending.append(contentsOf: data[lineStart..<index])
                    body(pending[...])
                    pending = []
                }
                lineStart = index + 1
                consumed = position - Int64(data.count) + Int64(index) + 1
            }
            if lineStart < data.endIndex {
                if pending.count + (data.endIndex - lineStart) > Self.maxRecordBytes {
                    // Not a record of ours: skip to the next newline.
                    pending = []
                    consumed = position
                } else {
                    pending.append(contentsOf: data[lineStart...])
                }
            }
        }
        let limited = budget <= 0
        if limited, consumed == offset { return (position, true) }
        return (consumed, limited)
    }
}
