import Foundation

/// Where a machine's stdout and stderr go: `<home>/logs/<machine-id>.log`, appended to by the app
/// directly (so output keeps flowing while the daemon restarts). A stand-in for the rotating log
/// writer: lines carry no timestamp of their own, so readers date them by the file's modification
/// time, and the file is not rotated.
struct MachineLogFiles: Sendable {
    let directory: String

    init(home: String) {
        directory = home + "/logs"
    }

    func path(for machine: String) -> String { directory + "/" + machine + ".log" }

    func prepare() {
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The last `count` complete lines of the machine's log, oldest first, with the file's
    /// modification time.
    func tail(machine: String, count: Int) -> (lines: [String], modified: Date) {
        let path = path(for: machine)
        guard count > 0, let handle = FileHandle(forReadingAtPath: path) else { return ([], Date()) }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        // Read back far enough for `count` lines of ordinary length, at most 4 MiB.
        let window = min(size, UInt64(min(4 << 20, max(64 << 10, count * 512))))
        try? handle.seek(toOffset: size - window)
        let data = (try? handle.readToEnd()) ?? Data()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        if window < size, !lines.isEmpty { lines.removeFirst() }
        return (Array(lines.suffix(count)), modified(path))
    }

    /// Complete lines written after `offset`, and the offset after them.
    func read(machine: String, from offset: UInt64) -> (lines: [String], next: UInt64) {
        guard let handle = FileHandle(forReadingAtPath: path(for: machine)) else { return ([], offset) }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        // A truncated or replaced file starts over.
        let start = size < offset ? 0 : offset
        guard size > start else { return ([], start) }
        try? handle.seek(toOffset: start)
        let data = (try? handle.read(upToCount: Int(min(size - start, 4 << 20)))) ?? Data()
        guard let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) else { return ([], start) }
        let complete = data[data.startIndex...lastNewline]
        let lines = String(decoding: complete, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
        return (lines, start + UInt64(complete.count))
    }

    /// The current size of the machine's log (where following starts).
    func size(machine: String) -> UInt64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path(for: machine))
        return (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    func remove(machine: String) {
        try? FileManager.default.removeItem(atPath: path(for: machine))
    }

    private func modified(_ path: String) -> Date {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return attributes?[.modificationDate] as? Date ?? Date()
    }
}
