import Foundation
import Glibc

/// The daemon's own log, `<home>/daemon.log`: one line per event, `2026-11-22T14:00:00.123Z message`,
/// appended with one write each (O_APPEND keeps lines whole). Lines are also echoed to standard
/// error unless standard error already is that file (as when `hangar up` starts the daemon).
/// Untrusted text is escaped by the callers; secret values never reach it.
public final class DaemonLog: Sendable {
    public let path: String
    private let descriptor: Int32
    private let echo: Bool

    /// Opens (creating with mode 0600) the log at `path`. A log over `rotateBytes` is first moved to
    /// `path.1` (replacing an older one).
    public init(path: String, echoToStandardError: Bool = true, rotateBytes: Int = 10 * 1024 * 1024) throws(SocketError) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0, Int(info.st_size) > rotateBytes {
            _ = rename(path, path + ".1")
        }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .system(operation: "open \(path)", errno: errno)
        }
        self.descriptor = descriptor
        var fileInfo = stat(), errorInfo = stat()
        let sameFile =
            fstat(descriptor, &fileInfo) == 0 && fstat(STDERR_FILENO, &errorInfo) == 0
            && fileInfo.st_dev == errorInfo.st_dev && fileInfo.st_ino == errorInfo.st_ino
        echo = echoToStandardError && !sameFile
    }

    deinit {
        close(descriptor)
    }

    public func write(_ message: String) {
        let line = Array("\(Self.timestamp()) \(message)\n".utf8)
        line.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            _ = Glibc.write(descriptor, base, raw.count)
            if echo { _ = Glibc.write(STDERR_FILENO, base, raw.count) }
        }
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
