#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, total wrappers over the POSIX calls the log files need. None of them traps; failures come
/// back as an errno or nil.
enum LogFileIO {
    /// Device and inode: what stays with a file across a rename.
    struct Identity: Sendable, Hashable {
        var device: UInt64
        var inode: UInt64
    }

    struct Status: Sendable, Hashable {
        var identity: Identity
        var size: Int64
    }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    static var lastError: Int32 { errno }

    /// Opens for appending, creating the file (mode 0600) when missing.
    static func openAppending(_ path: String) throws(LogError) -> Int32 {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .system(call: "open", path: path, errno: errno) }
        return fd
    }

    /// Opens for reading; nil when the file does not exist (or cannot be opened).
    static func openReading(_ path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }

    /// Opens for reading and reads the file's status; nil (and nothing left open) when either fails.
    static func openReadingWithStatus(_ path: String) -> (fd: Int32, status: Status)? {
        guard let fd = openReading(path) else { return nil }
        guard let status = status(fd: fd) else {
            close(fd)
            return nil
        }
        return (fd, status)
    }

    static func close(_ fd: Int32) {
        guard fd >= 0 else { return }
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    static func status(fd: Int32) -> Status? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return Status(
            identity: Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)), size: Int64(info.st_size))
    }

    static func status(path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(
            identity: Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)), size: Int64(info.st_size))
    }

    /// Writes every byte (retrying short writes and EINTR); the errno of a failure, nil on success.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                #if canImport(Glibc)
                return Glibc.write(fd, base + offset, buffer.count - offset)
                #else
                return Darwin.write(fd, base + offset, buffer.count - offset)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }

    /// Reads up to `count` bytes at `offset`; fewer at end of file, empty at or past it or on error.
    static func read(_ fd: Int32, count: Int, at offset: Int64) -> [UInt8] {
        guard count > 0, offset >= 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return pread(fd, base + filled, count - filled, off_t(offset + Int64(filled)))
            }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { break }
            filled += got
        }
        if filled < count { buffer.removeSubrange(filled...) }
        return buffer
    }

    /// One `read(2)` into `buffer`: the byte count, 0 at end of file, or -errno.
    static func readSome(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
        while true {
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -Int(EINVAL) }
                #if canImport(Glibc)
                return Glibc.read(fd, base, raw.count)
                #else
                return Darwin.read(fd, base, raw.count)
                #endif
            }
            if got >= 0 { return got }
            if errno == EINTR { continue }
            return -Int(errno)
        }
    }

    /// Waits until `fd` is readable (or hung up) or `timeoutMillis` passes (-1: forever).
    /// True when it is readable or in error, false on timeout.
    static func waitReadable(_ fd: Int32, timeoutMillis: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, timeoutMillis)
            if ready < 0, errno == EINTR { continue }
            return ready != 0
        }
    }

    static func rename(_ from: String, _ to: String) -> Int32? {
        #if canImport(Glibc)
        let result = Glibc.rename(from, to)
        #else
        let result = Darwin.rename(from, to)
        #endif
        return result == 0 ? nil : errno
    }

    static func unlink(_ path: String) {
        #if canImport(Glibc)
        _ = Glibc.unlink(path)
        #else
        _ = Darwin.unlink(path)
        #endif
    }

    static func sync(_ fd: Int32) {
        _ = fsync(fd)
    }

    /// Creates the directory and its parents (mode 0700 for the ones it creates).
    static func makeDirectory(_ path: String) throws(LogError) {
        var isDirectory = stat()
        if stat(path, &isDirectory) == 0 {
            guard isDirectory.st_mode & S_IFMT == S_IFDIR else {
                throw .system(call: "mkdir", path: path, errno: ENOTDIR)
            }
            return
        }
        var parent = path
        while parent.count > 1, parent.hasSuffix("/") { parent.removeLast() }
        if let slash = parent.lastIndex(of: "/"), slash != parent.startIndex {
            try makeDirectory(String(parent[..<slash]))
        }
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw .system(call: "mkdir", path: path, errno: errno)
        }
    }

    /// The names in a directory (without `.` and `..`); empty when it cannot be read.
    static func names(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
