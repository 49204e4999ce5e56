import Foundation

/// A dedicated thread that drains one output descriptor of a machine into its `LogWriter`.
///
/// It reads until end of file, that is until every process holding the write end has closed it
/// (the machine and anything it left running), then writes any unfinished line, closes the
/// descriptor and reports finished. Blocking reads happen on this thread only, never on Swift's
/// cooperative pool.
public final class LogPump: @unchecked Sendable {
    public let stream: LogStream
    private let lock = NSLock()
    private var done = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(stream: LogStream) {
        self.stream = stream
    }

    /// True once the descriptor reached end of file and every line from it is written.
    public var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return done
    }

    /// Returns once the pump has finished (immediately if it already has).
    public func finished() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if done {
                lock.unlock()
                continuation.resume()
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }

    func markFinished() {
        lock.lock()
        done = true
        let resumed = waiters
        waiters = []
        lock.unlock()
        for waiter in resumed { waiter.resume() }
    }

    /// Starts the thread. Takes ownership of `fd` (closes it at the end).
    static func start(fd: Int32, stream: LogStream, writer: LogWriter) -> LogPump {
        let pump = LogPump(stream: stream)
        let thread = Thread {
            run(fd: fd, stream: stream, writer: writer)
            pump.markFinished()
        }
        thread.name = "hangar-log-\(writer.machineID)-\(stream.rawValue)"
        thread.stackSize = 256 << 10
        thread.start()
        return pump
    }

    private static func run(fd: Int32, stream: LogStream, writer: LogWriter) {
        var splitter = LogLineSplitter(maxLineBytes: writer.options.maxLineBytes)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        let flushMillis = writer.options.partialLineFlushMillis
        while true {
            if splitter.hasPending, let flushMillis,
                !LogFileIO.waitReadable(fd, timeoutMillis: flushMillis)
            {
                // A partial line has waited long enough (a prompt, a progress bar): write it now.
                if let line = splitter.flush() { writer.appendOutput([line], stream: stream) }
                continue
            }
            let got = LogFileIO.readSome(fd, into: &buffer)
            if got == -Int(EAGAIN) || got == -Int(EWOULDBLOCK) {
                _ = LogFileIO.waitReadable(fd, timeoutMillis: -1)
                continue
            }
            if got <= 0 { break }
            let lines = splitter.feed(buffer[0..<got])
            if !lines.isEmpty { writer.appendOutput(lines, stream: stream) }
        }
        if let rest = splitter.flush() { writer.appendOutput([rest], stream: stream) }
        LogFileIO.close(fd)
    }
}
