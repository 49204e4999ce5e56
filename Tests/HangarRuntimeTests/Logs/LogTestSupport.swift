import Foundation
import Testing

@testable import HangarRuntime

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct LogTempDirectory {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("hangar-logs-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    func size(_ name: String) -> Int64 {
        (try? FileManager.default.attributesOfItem(atPath: file(name))[.size] as? NSNumber)?.int64Value ?? -1
    }
}

enum LogTestSupport {
    static let machineA = "3d8d9a1c2e4f56"
    static let machineB = "91857e0b2c4d6a"

    /// Runs `/bin/sh -c script` with its stdout and stderr on the given descriptors; returns its
    /// exit status.
    static func runShell(_ script: String, stdout: Int32, stderr: Int32) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        let arguments = ["/bin/sh", "-c", script]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        guard spawned == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return status
    }

    /// Writes all of `bytes` to `fd`.
    static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }

    static func write(_ fd: Int32, _ text: String) {
        write(fd, Array(text.utf8))
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Collects `count` lines from a stream, or fewer if it ends. A generous deadline turns a hang
    /// into a failure (it is a safety net, not a timing assertion).
    static func collect(_ count: Int, from stream: AsyncStream<LogLine>) async -> [LogLine] {
        let task = Task {
            var lines: [LogLine] = []
            guard count > 0 else { return lines }
            for await line in stream {
                lines.append(line)
                if lines.count >= count { break }
            }
            return lines
        }
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            task.cancel()
        }
        let lines = await task.value
        watchdog.cancel()
        return lines
    }

    static func line(
        _ message: String, at micros: Int64, machine: String = machineA, app: String = "web", group: String = "app"
    ) -> LogLine {
        LogLine(
            timestamp: LogTimestamp(microseconds: micros), app: app, machineID: machine, processGroup: group,
            stream: .stdout, message: message)
    }
}

extension LogTestSupport {
    static func openForWriting(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    }
}
