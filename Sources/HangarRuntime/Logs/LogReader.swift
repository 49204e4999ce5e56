/// Reads machine logs back: the last lines across rotated files, merged over machines by time, and
/// `follow` for new ones.
///
/// Readers need no lock with the writer: records are whole lines, each file only grows until it is
/// renamed, and files are told apart by inode.
public struct LogReader: Sendable {
    public let files: LogFiles

    public init(directory: String) {
        self.files = LogFiles(directory: directory)
    }

    /// Machines with logs here, sorted.
    public func machineIDs() -> [String] {
        files.machineIDs()
    }

    /// The last `count` lines that match `filter`, oldest first, across all rotated generations and
    /// machines, ordered by timestamp (ties keep machine-id order, then file order).
    public func tail(_ count: Int, filter: LogFilter = LogFilter()) throws(LogError) -> [LogLine] {
        guard count > 0 else { return [] }
        let ids = try machines(for: filter)
        var perMachine: [[LogLine]] = []
        for id in ids {
            perMachine.append(tail(count, machineID: id, filter: filter, current: nil))
        }
        return Self.merge(perMachine, last: count)
    }

    /// Every line that matches `filter` (see `tail`).
    public func lines(filter: LogFilter = LogFilter()) throws(LogError) -> [LogLine] {
        try tail(Int.max, filter: filter)
    }

    /// New lines as they are written, after the last `backlog` existing ones.
    ///
    /// Files are polled every `pollInterval` (no inotify): a line shows up within about one interval.
    /// Rotation is followed by inode (the old file is read to its end, then any newer generations,
    /// then the new file), truncation by size; machines whose log file appears later are picked up
    /// from their first line when `filter.machineIDs` is nil or names them. Each poll's new lines are
    /// ordered by timestamp across machines. The stream is pulled: nothing is read ahead of the
    /// consumer, and cancelling the consuming task ends it within one poll.
    public func follow(
        filter: LogFilter = LogFilter(), backlog: Int = 0, pollInterval: Duration = .milliseconds(200)
    ) throws(LogError) -> AsyncStream<LogLine> {
        let ids = try machines(for: filter)
        let follower = LogFollower(
            reader: self, filter: filter, machineIDs: ids, backlog: backlog, pollInterval: pollInterval)
        return AsyncStream(unfolding: { await follower.next() })
    }

    // MARK: Internals shared with the follower

    func machines(for filter: LogFilter) throws(LogError) -> [String] {
        guard let wanted = filter.machineIDs else { return files.machineIDs() }
        var seen = Set<String>()
        var ids: [String] = []
        for id in wanted {
            try LogFiles.validate(machineID: id)
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    /// The current file's part to read: an open descriptor, where to stop, and its identity (a
    /// generation with the same identity is the same file, renamed meanwhile, and is skipped).
    struct CurrentFile {
        var fd: Int32
        var end: Int64
        var identity: LogFileIO.Identity
    }

    /// One machine's last `count` matching lines, oldest first.
    func tail(_ count: Int, machineID: String, filter: LogFilter, current: CurrentFile?) -> [LogLine] {
        var newestFirst: [LogLine] = []
        var seen = Set<LogFileIO.Identity>()
        func collect(fd: Int32, end: Int64) {
            LogFileScanner(fd: fd).backward(end: end) { record in
                if let line = LogRecord.decode(record), filter.matches(line) {
                    newestFirst.append(line)
                }
                return newestFirst.count < count
            }
        }
        var generation = 0
        if let current {
            seen.insert(current.identity)
            collect(fd: current.fd, end: current.end)
            generation = 1
        }
        while generation < LogFiles.generationScanLimit, newestFirst.count < count {
            let path = files.generation(generation, of: machineID)
            guard let fd = LogFileIO.openReading(path) else {
                if generation == 0 {
                    generation += 1
                    continue
                }
                break
            }
            defer { LogFileIO.close(fd) }
            generation += 1
            guard let status = LogFileIO.status(fd: fd), seen.insert(status.identity).inserted else { continue }
            collect(fd: fd, end: status.size)
        }
        return newestFirst.reversed()
    }

    /// Merges per-machine chronological lists by timestamp and keeps the last `count`.
    static func merge(_ lists: [[LogLine]], last count: Int) -> [LogLine] {
        var keyed: [(line: LogLine, list: Int, index: Int)] = []
        for (list, lines) in lists.enumerated() {
            for (index, line) in lines.enumerated() { keyed.append((line, list, index)) }
        }
        keyed.sort { left, right in
            if left.line.timestamp != right.line.timestamp { return left.line.timestamp < right.line.timestamp }
            if left.list != right.list { return left.list < right.list }
            return left.index < right.index
        }
        return keyed.suffix(count).map(\.line)
    }
}
