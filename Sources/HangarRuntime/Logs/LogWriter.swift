import Foundation

/// Keeps one machine's log: stamps lines and appends them to `<directory>/<machine-id>.log` as
/// JSON lines (see `LogRecord`), rotating by size.
///
/// Rotation: before a record would take the file past `maxFileBytes` (and the file is not empty),
/// the file is synced and closed, `.log.N-1` … `.log.1` shift up by one (the oldest beyond
/// `generations` is dropped), `.log` becomes `.log.1` and a new `.log` is opened. Appends and
/// rotation happen under one lock and a record is written whole into one file, so no line is lost
/// or split across a rotation. A reader that has the old file open finishes it, then follows the
/// rename (see `LogReader`).
///
/// Writes are one `write(2)` per batch (the lines one read of a pipe completed), not per line, and
/// are not fsynced except at rotation and `close()`: a crash of Hangar loses nothing already handed
/// to the kernel; a power loss can lose the last seconds. Output arrives on dedicated threads
/// (`attach(fd:stream:)`), so a slow disk stalls those threads, not Swift's cooperative pool.
/// A failed write (disk full) drops that batch and is counted in `droppedLineCount`; the next batch
/// tries again.
public final class LogWriter: @unchecked Sendable {
    public struct Options: Sendable, Hashable {
        /// The size after which the file is rotated.
        public var maxFileBytes: Int64
        /// How many rotated files to keep (`.log.1` … `.log.N`); 0 keeps none.
        public var generations: Int
        /// Longer lines are cut into chunks of at most this many bytes.
        public var maxLineBytes: Int
        /// An unfinished line (no newline yet) is written after this long without more output;
        /// nil waits for the newline (or the line limit, or end of file).
        public var partialLineFlush: Duration?
        public var region: String

        public init(
            maxFileBytes: Int64 = 10 << 20,
            generations: Int = 3,
            maxLineBytes: Int = 64 << 10,
            partialLineFlush: Duration? = .seconds(1),
            region: String = "local"
        ) {
            self.maxFileBytes = max(1, maxFileBytes)
            self.generations = min(max(0, generations), LogFiles.generationScanLimit - 1)
            self.maxLineBytes = max(4, maxLineBytes)
            self.partialLineFlush = partialLineFlush
            self.region = region
        }

        var partialLineFlushMillis: Int32? {
            guard let flush = partialLineFlush else { return nil }
            let millis = flush / .milliseconds(1)
            guard millis.isFinite else { return 1 }
            return Int32(min(max(1, millis.rounded(.up)), 86_400_000))
        }
    }

    public let files: LogFiles
    public let app: String
    public let machineID: String
    public let processGroup: String
    public let options: Options

    private let lock = NSLock()
    private var fd: Int32 = -1
    private var size: Int64 = 0
    private var lastTimestamp = LogTimestamp(microseconds: Int64.min)
    private var dropped = 0
    private var failure: LogError?

    /// Creates the directory if needed. The file is opened on the first write.
    public init(
        directory: String, app: String, machineID: String, processGroup: String, options: Options = Options()
    ) throws(LogError) {
        try LogFiles.validate(machineID: machineID)
        try LogFileIO.makeDirectory(directory)
        self.files = LogFiles(directory: directory)
        self.app = app
        self.machineID = machineID
        self.processGroup = processGroup
        self.options = options
    }

    deinit {
        if fd >= 0 {
            LogFileIO.sync(fd)
            LogFileIO.close(fd)
        }
    }

    /// The file being written.
    public var path: String { files.current(machineID) }

    /// Lines lost to failed writes so far.
    public var droppedLineCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return dropped
    }

    /// The last write or rotation failure, if any.
    public var lastError: LogError? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    // MARK: Input

    /// Drains `fd` (the read end of the machine's stdout or stderr pipe) on a dedicated thread until
    /// end of file. Takes ownership of `fd`.
    @discardableResult
    public func attach(fd: Int32, stream: LogStream) -> LogPump {
        LogPump.start(fd: fd, stream: stream, writer: self)
    }

    /// Makes a pipe whose read end is drained into this log; returns the write end for the machine
    /// (close-on-exec: `dup2` it onto 1 or 2 in the child, and close it in the parent after the
    /// spawn, or the pump never sees end of file).
    public func makePipe(for stream: LogStream) throws(LogError) -> (writeEnd: Int32, pump: LogPump) {
        var ends: [Int32] = [-1, -1]
        let result = ends.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return pipe(base)
        }
        guard result == 0 else { throw .system(call: "pipe", path: path, errno: LogFileIO.lastError) }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        return (ends[1], attach(fd: ends[0], stream: stream))
    }

    /// Hangar's own line about this machine, e.g. `runner[<id>] local [info] Machine started in 120ms`.
    /// A multi-line message becomes several lines.
    public func write(runnerMessage: String, level: LogLevel = .info, source: LogSource = .runner) {
        var splitter = LogLineSplitter(maxLineBytes: options.maxLineBytes)
        var pieces = splitter.feed(Array(runnerMessage.utf8))
        if let rest = splitter.flush() { pieces.append(rest) }
        if pieces.isEmpty { pieces = [[]] }
        let now = LogTimestamp.now()
        append(pieces.map { line(String(decoding: $0, as: UTF8.self), at: now, stream: nil, level: level, source: source) })
    }

    /// Machine output that did not come through a pipe (stamped now, split and cut like pipe output).
    public func write(output: some Collection<UInt8>, stream: LogStream) {
        var splitter = LogLineSplitter(maxLineBytes: options.maxLineBytes)
        var pieces = splitter.feed(output)
        if let rest = splitter.flush() { pieces.append(rest) }
        appendOutput(pieces, stream: stream)
    }

    /// Complete lines read from one of the machine's streams, stamped with the time they arrived.
    func appendOutput(_ pieces: [[UInt8]], stream: LogStream) {
        guard !pieces.isEmpty else { return }
        let now = LogTimestamp.now()
        append(pieces.map { line(String(decoding: $0, as: UTF8.self), at: now, stream: stream, level: .info, source: .app) })
    }

    private func line(_ message: String, at time: LogTimestamp, stream: LogStream?, level: LogLevel, source: LogSource)
        -> LogLine
    {
        LogLine(
            timestamp: time, app: app, machineID: machineID, processGroup: processGroup, region: options.region,
            stream: stream, level: level, source: source, message: message)
    }

    // MARK: Files

    /// Appends lines as they are (their timestamps are only raised to keep the file in order).
    public func append(_ lines: [LogLine]) {
        guard !lines.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        guard openIfNeeded() else {
            dropped += lines.count
            return
        }
        var batch: [UInt8] = []
        var batchLines = 0
        for var line in lines {
            if line.timestamp < lastTimestamp { line.timestamp = lastTimestamp }
            lastTimestamp = line.timestamp
            let record = LogRecord.encode(line)
            if size + Int64(batch.count) + Int64(record.count) > options.maxFileBytes, size + Int64(batch.count) > 0 {
                flush(&batch, lines: &batchLines)
                rotate()
                guard fd >= 0 else {
                    dropped += 1
                    continue
                }
            }
            batch.append(contentsOf: record)
            batchLines += 1
        }
        flush(&batch, lines: &batchLines)
    }

    /// Syncs and closes the file. A later write opens it again.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if fd >= 0 {
            LogFileIO.sync(fd)
            LogFileIO.close(fd)
            fd = -1
        }
    }

    private func flush(_ batch: inout [UInt8], lines: inout Int) {
        defer {
            batch.removeAll(keepingCapacity: true)
            lines = 0
        }
        guard !batch.isEmpty else { return }
        guard fd >= 0 else {
            dropped += lines
            return
        }
        if let code = LogFileIO.writeAll(fd, batch) {
            dropped += lines
            failure = .system(call: "write", path: path, errno: code)
            // Whatever part got written may have torn a record: resynchronise on the real size.
            size = LogFileIO.status(fd: fd)?.size ?? size
            terminateTornRecord()
        } else {
            size += Int64(batch.count)
        }
    }

    /// Opens the current file if it is not open; false when it cannot be.
    private func openIfNeeded() -> Bool {
        if fd >= 0 { return true }
        do {
            fd = try LogFileIO.openAppending(path)
        } catch {
            failure = error
            return false
        }
        size = LogFileIO.status(fd: fd)?.size ?? 0
        terminateTornRecord()
        return true
    }

    /// After a crash or a failed write the file may end inside a record; a newline makes sure the
    /// next record starts on its own line (readers skip the torn one).
    private func terminateTornRecord() {
        guard fd >= 0, size > 0 else { return }
        let lastByte = readLastByte()
        if lastByte != 0x0A, LogFileIO.writeAll(fd, [0x0A]) == nil {
            size += 1
        }
    }

    private func readLastByte() -> UInt8? {
        guard let reader = LogFileIO.openReading(path) else { return nil }
        defer { LogFileIO.close(reader) }
        return LogFileIO.read(reader, count: 1, at: size - 1).first
    }

    /// Shifts the generations and starts a new current file (see the type's documentation).
    private func rotate() {
        if fd >= 0 {
            LogFileIO.sync(fd)
            LogFileIO.close(fd)
            fd = -1
        }
        // Drop generations beyond the configured count (left by an earlier, larger setting).
        var extra = options.generations + 1
        while extra < LogFiles.generationScanLimit, LogFileIO.status(path: files.generation(extra, of: machineID)) != nil {
            LogFileIO.unlink(files.generation(extra, of: machineID))
            extra += 1
        }
        if options.generations == 0 {
            LogFileIO.unlink(path)
        } else {
            var number = options.generations - 1
            while number >= 1 {
                let from = files.generation(number, of: machineID)
                if LogFileIO.status(path: from) != nil {
                    _ = LogFileIO.rename(from, files.generation(number + 1, of: machineID))
                }
                number -= 1
            }
            if let code = LogFileIO.rename(path, files.generation(1, of: machineID)) {
                failure = .system(call: "rename", path: path, errno: code)
            }
        }
        _ = openIfNeeded()
    }
}
