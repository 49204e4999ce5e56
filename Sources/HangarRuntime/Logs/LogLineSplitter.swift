/// Cuts a byte stream into lines, bounded.
///
/// A line ends at `\n`; one `\r` right before it is dropped (CRLF output), any other `\r` is kept.
/// A line that reaches `maxLineBytes` without a newline is cut there (backing off to a UTF-8
/// character boundary when one is within 3 bytes) and the rest continues as the next line, so memory
/// stays bounded whatever the input. Bytes are not interpreted otherwise: NULs and escape sequences
/// pass through, and invalid UTF-8 is left for `String(decoding:as:)` to replace.
struct LogLineSplitter: Sendable {
    let maxLineBytes: Int
    private(set) var pending: [UInt8] = []

    init(maxLineBytes: Int) {
        self.maxLineBytes = max(4, maxLineBytes)
    }

    var hasPending: Bool { !pending.isEmpty }

    /// Feeds bytes; returns the lines they complete (without line endings).
    mutating func feed(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var rest = ArraySlice(bytes)
        while !rest.isEmpty {
            let room = maxLineBytes - pending.count
            if let newline = rest.prefix(room + 1).firstIndex(of: 0x0A) {
                pending.append(contentsOf: rest[rest.startIndex..<newline])
                rest = rest[(newline + 1)...]
                if pending.last == 0x0D { pending.removeLast() }
                lines.append(pending)
                pending.removeAll(keepingCapacity: true)
                continue
            }
            if rest.count <= room {
                // Fits; the newline may still come.
                pending.append(contentsOf: rest)
                break
            }
            // Longer than the limit with no newline in sight: fill up and cut.
            pending.append(contentsOf: rest.prefix(room))
            rest = rest.dropFirst(room)
            lines.append(cutPending())
        }
        return lines
    }

    /// The unfinished line, if any (at end of input, or when a partial line has waited long enough).
    mutating func flush() -> [UInt8]? {
        guard !pending.isEmpty else { return nil }
        var line = pending
        pending.removeAll(keepingCapacity: true)
        if line.last == 0x0D { line.removeLast() }
        return line
    }

    /// `pending` is full: returns its first part and keeps the rest pending. The cut moves back to
    /// the start of a UTF-8 character that would otherwise be split (at most 3 bytes); it always
    /// returns at least one byte, so feeding makes progress.
    private mutating func cutPending() -> [UInt8] {
        guard !pending.isEmpty else { return [] }
        var cut = pending.count
        var start = pending.count - 1
        while start > 0, pending.count - 1 - start < 3, pending[start] & 0xC0 == 0x80 {
            start -= 1
        }
        let lead = pending[start]
        if start > 0, lead >= 0xC0 {
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            if pending.count - start < length { cut = start }
        }
        let line = Array(pending[0..<cut])
        pending.removeFirst(cut)
        return line
    }
}
