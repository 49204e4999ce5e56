/// The state behind `LogReader.follow`: one open file per machine and how far it has been read.
actor LogFollower {
    /// One machine's position. `fd` is -1 until its file exists.
    private struct Position {
        var fd: Int32 = -1
        var identity = LogFileIO.Identity(device: 0, inode: 0)
        var offset: Int64 = 0
    }

    /// At most this much is read from one file per poll, so one busy machine cannot starve the rest
    /// or fill memory ahead of the consumer.
    static let readLimitPerPoll: Int64 = 1 << 20

    private let reader: LogReader
    private let filter: LogFilter
    private let pollInterval: Duration
    private var positions: [String: Position] = [:]
    private var order: [String] = []
    private var queue: [LogLine] = []
    private var queueHead = 0

    init(reader: LogReader, filter: LogFilter, machineIDs: [String], backlog: Int, pollInterval: Duration) {
        self.reader = reader
        self.filter = filter
        self.pollInterval = pollInterval
        var positions: [String: Position] = [:]
        var backlogLists: [[LogLine]] = []
        for id in machineIDs {
            var position = Position()
            if let (fd, status) = LogFileIO.openReadingWithStatus(reader.files.current(id)) {
                position = Position(fd: fd, identity: status.identity, offset: status.size)
                // Start after the last complete record; a record being written is read on the first poll.
                let current = LogReader.CurrentFile(fd: fd, end: status.size, identity: status.identity)
                position.offset = Self.lastRecordEnd(fd: fd, size: status.size)
                if backlog > 0 {
                    backlogLists.append(
                        reader.tail(backlog, machineID: id, filter: filter, current: current))
                }
            } else if backlog > 0 {
                backlogLists.append(reader.tail(backlog, machineID: id, filter: filter, current: nil))
            }
            positions[id] = position
        }
        self.positions = positions
        self.order = machineIDs
        self.queue = backlog > 0 ? LogReader.merge(backlogLists, last: backlog) : []
    }

    deinit {
        for position in positions.values where position.fd >= 0 {
            LogFileIO.close(position.fd)
        }
    }

    /// The next line; nil when the consuming task is cancelled.
    func next() async -> LogLine? {
        while true {
            if queueHead < queue.count {
                let line = queue[queueHead]
                queueHead += 1
                if queueHead == queue.count {
                    queue.removeAll(keepingCapacity: true)
                    queueHead = 0
                }
                return line
            }
            if Task.isCancelled { return nil }
            let more = poll()
            if queueHead < queue.count { continue }
            if !more {
                do {
                    try await Task.sleep(for: pollInterval)
                } catch {
                    return nil
                }
            }
        }
    }

    /// Where the last `\n` of the file's first `size` bytes ends (0 when there is none).
    private static func lastRecordEnd(fd: Int32, size: Int64) -> Int64 {
        var position = size
        while position > 0 {
            let start = max(0, position - Int64(LogFileScanner.chunkBytes))
            let data = LogFileIO.read(fd, count: Int(position - start), at: start)
            guard Int64(data.count) == position - start else { return 0 }
            if let newline = data.lastIndex(of: 0x0A) { return start + Int64(newline) + 1 }
            position = start
        }
        return 0
    }

    /// Reads what is new in every file into the queue. True when some file has more to read now.
    private func poll() -> Bool {
        if filter.machineIDs == nil {
            for id in reader.files.machineIDs() where positions[id] == nil {
                positions[id] = Position()
                order.append(id)
            }
        }
        var batch: [(line: LogLine, machine: Int, index: Int)] = []
        var more = false
        for (machine, id) in order.enumerated() {
            guard var position = positions[id] else { continue }
            var lines: [LogLine] = []
            more = advance(&position, machineID: id, into: &lines) || more
            positions[id] = position
            for (index, line) in lines.enumerated() { batch.append((line, machine, index)) }
        }
        batch.sort { left, right in
            if left.line.timestamp != right.line.timestamp { return left.line.timestamp < right.line.timestamp }
            if left.machine != right.machine { return left.machine < right.machine }
            return left.index < right.index
        }
        queue.append(contentsOf: batch.map(\.line))
        return more
    }

    /// Reads one machine's new records. True when there is more to read right away.
    private func advance(_ position: inout Position, machineID: String, into lines: inout [LogLine]) -> Bool {
        let files = reader.files
        let path = files.current(machineID)
        // Look at the path before draining: if it names another file now, every write to ours
        // happened before the rename, so draining ours afterwards gets all of it.
        let onDisk = LogFileIO.status(path: path)
        if position.fd < 0 {
            guard onDisk != nil, let (fd, status) = LogFileIO.openReadingWithStatus(path) else { return false }
            position = Position(fd: fd, identity: status.identity, offset: 0)
        }
        if drain(&position, limit: Self.readLimitPerPoll, into: &lines) { return true }
        guard let onDisk else { return false }  // between a rename and the new file: wait
        if onDisk.identity != position.identity {
            // Rotated: ours is finished. Newer generations sit between it and the new current file.
            guard let (currentFD, current) = LogFileIO.openReadingWithStatus(path) else { return false }
            var newer: [Int32] = []
            var seen: Set<LogFileIO.Identity> = [current.identity]
            var generation = 1
            while generation < LogFiles.generationScanLimit,
                let fd = LogFileIO.openReading(files.generation(generation, of: machineID))
            {
                generation += 1
                let identity = LogFileIO.status(fd: fd)?.identity
                if identity == position.identity {
                    LogFileIO.close(fd)
                    break
                }
                guard let identity, seen.insert(identity).inserted else {
                    // The current file, rotated again since we opened it (it is read below), or a
                    // file seen twice because a rotation moved it during this scan.
                    LogFileIO.close(fd)
                    continue
                }
                newer.append(fd)
            }
            LogFileIO.close(position.fd)
            for fd in newer.reversed() {
                var finished = Position(fd: fd, identity: LogFileIO.Identity(device: 0, inode: 0), offset: 0)
                _ = drain(&finished, limit: Int64.max, into: &lines)
                LogFileIO.close(fd)
            }
            position = Position(fd: currentFD, identity: current.identity, offset: 0)
            _ = drain(&position, limit: Self.readLimitPerPoll, into: &lines)
            return true
        }
        if onDisk.size < position.offset {
            // Truncated in place: start again from its beginning.
            position.offset = 0
            return true
        }
        return false
    }

    /// Reads complete records from the position on; true when the limit stopped it with more to read.
    private func drain(_ position: inout Position, limit: Int64, into lines: inout [LogLine]) -> Bool {
        let filter = self.filter
        let (end, limited) = LogFileScanner(fd: position.fd).forward(from: position.offset, limit: limit) { record in
            if let line = LogRecord.decode(record), filter.matches(line) { lines.append(line) }
        }
        position.offset = end
        guard limited, let size = LogFileIO.status(fd: position.fd)?.size else { return false }
        return size > end
    }
}
