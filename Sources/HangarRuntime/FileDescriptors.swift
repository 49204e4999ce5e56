import CHangarShim
import Glibc

/// Small helpers over raw descriptors (close-on-exec by default: spawned children get only what
/// `hangar_spawn` hands them).
enum FileDescriptors {
    static func pipe() throws(LaunchError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard hangar_pipe(&fds) == 0 else { throw .system("pipe", errno) }
        return (fds[0], fds[1])
    }

    static func openNull() throws(LaunchError) -> Int32 {
        let fd = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open /dev/null", errno) }
        return fd
    }

    static func openAppend(_ path: String) throws(LaunchError) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .system("open \(path)", errno) }
        return fd
    }

    /// Writes all of `bytes`, retrying on EINTR.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(LaunchError) {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system("write", errno)
            }
            written += n
        }
    }

    /// Reads until end of file (blocking).
    static func readAll(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            result += buffer[0..<n]
        }
        return result
    }

    /// Reads one line (without the newline), waiting at most `timeoutMS` for each chunk.
    /// nil at end of file or timeout.
    static func readLine(_ fd: Int32, timeoutMS: Int32) -> String? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            guard hangar_poll_readable(fd, timeoutMS) == 1 else { return nil }
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }
}
