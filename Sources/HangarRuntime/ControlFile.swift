import Foundation

/// Reading and writing kernel control files (cgroupfs, /proc/sys): one `write(2)` on an existing
/// file, so the kernel sees the whole value and its error comes back as errno.
enum ControlFile {
    static func write(_ path: String, _ value: String) throws(LaunchError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open \(path)", errno) }
        defer { close(fd) }
        let bytes = Array(value.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard n == bytes.count else { throw .system("write \(value) to \(path)", n < 0 ? errno : EIO) }
    }

    static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// The value of `key` in a flat-keyed file (`oom_kill 3` lines of memory.events).
    static func keyed(_ text: String, _ key: String) -> Int? {
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 2, words[0] == key { return Int(words[1]) }
        }
        return nil
    }
}
