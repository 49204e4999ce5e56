import Foundation
import Synchronization

/// A machine's output on its way to its log.
///
/// The app writes straight to two files in its run directory (`stdout` and `stderr`, opened for
/// appending by the launcher), so its output keeps flowing while no daemon runs: a pipe would lose
/// its reader with the daemon, and a write to a pipe without a reader kills most programs. The
/// supervisor copies new bytes from the files into the machine's `LogWriter` at every poll, cut into
/// lines, and records how far it got (`<stream>.offset`, not counting an unfinished line), so a
/// restarted daemon goes on where the last one stopped. Copied bytes are released from the disk
/// (their blocks are punched out of the file), so the files take little space however long the
/// machine runs. Lines are stamped when they are copied, within one poll of being written.
final class MachineOutput: Sendable {
    let writer: LogWriter
    let runDirectory: String

    private struct StreamState: Sendable {
        var offset: UInt64 = 0
        var released: UInt64 = 0
        var splitter: LogLineSplitter
        var pendingSince: ContinuousClock.Instant?
    }

    private let streams: Mutex<[LogStream: StreamState]>
    static let streamNames: [LogStream] = [.stdout, .stderr]
    /// Bytes read from one stream per poll, at most.
    static let readLimit = 4 << 20

    /// `resume`: go on from the recorded offsets (a re-adopted machine); otherwise start with no
    /// files (call before the machine starts).
    init(writer: LogWriter, runDirectory: String, resume: Bool) {
        self.writer = writer
        self.runDirectory = runDirectory
        var states: [LogStream: StreamState] = [:]
        for stream in Self.streamNames {
            var state = StreamState(splitter: LogLineSplitter(maxLineBytes: writer.options.maxLineBytes))
            if resume, let text = try? String(contentsOfFile: runDirectory + "/" + stream.rawValue + ".offset", encoding: .utf8),
                let offset = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                state.offset = offset
            }
            states[stream] = state
        }
        streams = Mutex(states)
        if !resume { clearFiles() }
    }

    /// The file the app writes `stream` to.
    func path(_ stream: LogStream) -> String { runDirectory + "/" + stream.rawValue }

    private func offsetPath(_ stream: LogStream) -> String { path(stream) + ".offset" }

    private func clearFiles() {
        try? FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        for stream in Self.streamNames {
            unlink(path(stream))
            unlink(offsetPath(stream))
        }
    }

    /// Copies what is new. `final`: the machine has ended, so an unfinished last line is written too.
    func poll(final: Bool = false) {
        streams.withLock { states in
            for stream in Self.streamNames {
                guard var state = states[stream] else { continue }
                copy(stream, &state, final: final)
                states[stream] = state
            }
        }
    }

    private func copy(_ stream: LogStream, _ state: inout StreamState, final: Bool) {
        let fd = open(path(stream), O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return }
        let size = UInt64(max(0, info.st_size))
        let before = state.offset
        if size < state.offset {
            // Truncated or replaced: start again from its beginning.
            state.offset = 0
            state.released = 0
        }
        var budget = Self.readLimit
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while state.offset < size, budget > 0 {
            let wanted = min(buffer.count, budget, Int(size - state.offset))
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, wanted, off_t(state.offset)) }
            if got <= 0 { break }
            state.offset += UInt64(got)
            budget -= got
            let lines = state.splitter.feed(buffer[0..<got])
            if !lines.isEmpty { writer.appendOutput(lines, stream: stream) }
        }
        if state.splitter.hasPending {
            let now = ContinuousClock.now
            let since = state.pendingSince ?? now
            state.pendingSince = since
            if final || since.duration(to: now) >= (writer.options.partialLineFlush ?? .seconds(1)) {
                if let line = state.splitter.flush() { writer.appendOutput([line], stream: stream) }
                state.pendingSince = nil
            }
        } else {
            state.pendingSince = nil
        }
        let consumed = state.offset - UInt64(state.splitter.pending.count)
        if state.offset != before {
            try? String(consumed).write(toFile: offsetPath(stream), atomically: true, encoding: .utf8)
        }
        let releasable = consumed & ~UInt64(4095)
        if releasable >= state.released + (1 << 20), HolePunch.release(fd: fd, upTo: releasable) {
            state.released = releasable
        }
    }
}
