import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small files only their owner may read (the database files and the secret key), written with
/// plain POSIX calls so that the mode is right from the first byte.
enum PrivateFile {
    static func errorText() -> String { String(cString: strerror(errno)) }

    /// Creates an empty 0600 file unless one exists.
    static func createIfMissing(_ path: String) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            _ = close(fd)
            return
        }
        guard errno == EEXIST else { throw .storage("cannot create \(path): \(errorText())") }
    }

    /// Writes `bytes` to a new 0600 file at `path` (which must not exist) and flushes it to disk.
    static func writeNew(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .storage("cannot create \(path): \(errorText())") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let text = errorText()
                _ = close(fd)
                unlink(path)
                throw .storage("cannot write \(path): \(text)")
            }
            offset += written
        }
        if fsync(fd) != 0 {
            let text = errorText()
            _ = close(fd)
            unlink(path)
            throw .storage("cannot flush \(path): \(text)")
        }
        _ = close(fd)
    }

    /// Replaces `path` with `bytes` atomically: a temporary 0600 file in the same directory, flushed,
    /// then renamed over it, then the directory flushed.
    static func replace(_ path: String, with bytes: [UInt8]) throws(StoreError) {
        let temporary = path + ".tmp-" + Identifiers.machineID()
        try writeNew(temporary, bytes)
        try move(temporary, to: path)
    }

    /// Renames and flushes the directory, so the rename survives a power cut.
    static func move(_ from: String, to: String) throws(StoreError) {
        if rename(from, to) != 0 {
            let text = errorText()
            unlink(from)
            throw .storage("cannot rename \(from) to \(to): \(text)")
        }
        syncDirectory(of: to)
    }

    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }

    enum ReadResult {
        case missing
        case contents([UInt8])
    }

    /// Reads a small private file. Refuses anything but a regular file, a file other users may read or
    /// write, or one larger than `limit` bytes.
    static func readPrivate(_ path: String, limit: Int = 4096) throws(StoreError) -> ReadResult {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ENOENT { return .missing }
            throw .storage("cannot open \(path): \(errorText())")
        }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .storage("cannot stat \(path): \(errorText())") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .storage("\(path) is not a regular file") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw StoreError(
                .secretKey,
                "\(path) has mode \(String(mode, radix: 8)), so other users can read it; run `chmod 600 \(path)`")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .storage("cannot read \(path): \(errorText())")
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > limit { throw .storage("\(path) is larger than \(limit) bytes") }
        }
        return .contents(bytes)
    }
}
