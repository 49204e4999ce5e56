import Foundation
import Glibc
import Testing
@testable import HangarRuntime

/// Output files copied into the machine's log: lines, unfinished lines, resuming after a daemon
/// restart without loss or repetition, and releasing copied bytes.
@Suite struct MachineOutputTests {
    static func append(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o640)
        defer { close(fd) }
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    static func messages(_ directory: String, _ id: String) throws -> [String] {
        try LogReader(directory: directory).lines(filter: LogFilter(machineIDs: [id])).map(\.message)
    }

    @Test func linesAreCopiedOnceAcrossARestartOfTheCopier() throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let id = "3d8d9a1c2e4f56"
        let writer = try LogWriter(directory: directory + "/logs", app: "a", machineID: id, processGroup: "web")
        let run = directory + "/run"
        let output = MachineOutput(writer: writer, runDirectory: run, resume: false)
        Self.append("one\ntwo\nthr", to: output.path(.stdout))
        Self.append("oops\n", to: output.path(.stderr))
        output.poll()
        #expect(try Self.messages(directory + "/logs", id).sorted() == ["one", "oops", "two"])
        let stderrLine = try LogReader(directory: directory + "/logs").lines().first { $0.message == "oops" }
        #expect(stderrLine?.stream == .stderr)

        // A new copier (the daemon restarted) goes on where the last one stopped, unfinished line included.
        Self.append("ee\nfour\n", to: output.path(.stdout))
        let resumed = MachineOutput(writer: writer, runDirectory: run, resume: true)
        resumed.poll()
        #expect(try Self.messages(directory + "/logs", id).filter { $0 != "oops" } == ["one", "two", "three", "four"])

        // At the end of a run, an unfinished line is written as it is.
        Self.append("last words", to: output.path(.stdout))
        resumed.poll(final: true)
        #expect(try Self.messages(directory + "/logs", id).last == "last words")

        // A fresh run starts with empty files.
        _ = MachineOutput(writer: writer, runDirectory: run, resume: false)
        #expect(!FileManager.default.fileExists(atPath: output.path(.stdout)))
    }

    @Test func copiedBytesAreReleasedFromTheDisk() throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let writer = try LogWriter(directory: directory + "/logs", app: "a", machineID: "m1", processGroup: "web")
        let output = MachineOutput(writer: writer, runDirectory: directory + "/run", resume: false)
        let line = String(repeating: "x", count: 1023) + "\n"
        Self.append(String(repeating: line, count: 3 * 1024), to: output.path(.stdout))
        var before = stat()
        stat(output.path(.stdout), &before)
        output.poll()
        var after = stat()
        stat(output.path(.stdout), &after)
        #expect(after.st_size == before.st_size, "offsets stay valid for the app's appends")
        #expect(try LogReader(directory: directory + "/logs").lines().count == 3 * 1024)
        // Where the file system can punch holes (ext4, xfs, btrfs, tmpfs), the copied blocks are freed.
        if Self.canPunchHoles(in: directory) {
            #expect(after.st_blocks * 512 < 1 << 20, "blocks before: \(before.st_blocks), after: \(after.st_blocks)")
        }
    }

    static func canPunchHoles(in directory: String) -> Bool {
        let path = directory + "/probe"
        let fd = open(path, O_RDWR | O_CREAT, 0o600)
        defer {
            close(fd)
            unlink(path)
        }
        let block = [UInt8](repeating: 1, count: 1 << 16)
        _ = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        return HolePunch.release(fd: fd, upTo: 1 << 16)
    }
}
