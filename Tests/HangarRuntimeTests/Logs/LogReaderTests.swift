import Testing

@testable import HangarRuntime

@Suite struct LogReaderTests {
    typealias Support = LogTestSupport

    @Test func tailReachesAcrossRotatedFiles() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try LogWriter(
            directory: directory.path, app: "web", machineID: Support.machineA, processGroup: "app",
            options: LogWriter.Options(maxFileBytes: 2048, generations: 50))
        for index in 0..<300 { writer.write(output: Array("message \(index)\n".utf8), stream: .stdout) }
        let reader = LogReader(directory: directory.path)
        let last50 = try reader.tail(50)
        #expect(last50.map(\.message) == (250..<300).map { "message \($0)" })
        // More than one file's worth.
        #expect(directory.size("\(Support.machineA).log") < 50 * 150)
        #expect(try reader.tail(1).map(\.message) == ["message 299"])
        #expect(try reader.tail(0).isEmpty)
        #expect(try reader.tail(10_000).count == 300)
    }

    @Test func mergingMachinesOrdersByTime() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let a = try LogWriter(directory: directory.path, app: "web", machineID: Support.machineA, processGroup: "app")
        let b = try LogWriter(directory: directory.path, app: "web", machineID: Support.machineB, processGroup: "worker")
        a.append([Support.line("a1", at: 10), Support.line("a2", at: 30), Support.line("a3", at: 50)])
        b.append([
            Support.line("b1", at: 20, machine: Support.machineB, group: "worker"),
            Support.line("b2", at: 30, machine: Support.machineB, group: "worker"),
            Support.line("b3", at: 60, machine: Support.machineB, group: "worker"),
        ])
        let reader = LogReader(directory: directory.path)
        // Equal timestamps (a2, b2) keep machine-id order: machine A sorts before machine B.
        #expect(reader.machineIDs() == [Support.machineA, Support.machineB])
        #expect(try reader.lines().map(\.message) == ["a1", "b1", "a2", "b2", "a3", "b3"])
        #expect(try reader.tail(3).map(\.message) == ["b2", "a3", "b3"])
    }

    @Test func filters() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let a = try LogWriter(directory: directory.path, app: "web", machineID: Support.machineA, processGroup: "app")
        let b = try LogWriter(directory: directory.path, app: "web", machineID: Support.machineB, processGroup: "worker")
        let c = try LogWriter(directory: directory.path, app: "other", machineID: "0123456789abcd", processGroup: "app")
        a.append([Support.line("a", at: 1)])
        b.append([Support.line("b", at: 2, machine: Support.machineB, group: "worker")])
        c.append([Support.line("c", at: 3, machine: "0123456789abcd", app: "other")])
        let reader = LogReader(directory: directory.path)
        #expect(try reader.lines().map(\.message) == ["a", "b", "c"])
        #expect(try reader.lines(filter: LogFilter(app: "web")).map(\.message) == ["a", "b"])
        #expect(try reader.lines(filter: LogFilter(app: "web", processGroup: "worker")).map(\.message) == ["b"])
        #expect(try reader.lines(filter: LogFilter(processGroup: "app")).map(\.message) == ["a", "c"])
        #expect(try reader.lines(filter: LogFilter(machineIDs: [Support.machineA])).map(\.message) == ["a"])
        #expect(try reader.lines(filter: LogFilter(machineIDs: ["0123456789abcd", Support.machineB])).map(\.message) == ["b", "c"])
        #expect(try reader.lines(filter: LogFilter(machineIDs: ["ffffffffffffff"])).isEmpty)
        #expect(try reader.lines(filter: LogFilter(app: "nope")).isEmpty)
        #expect(try reader.lines(filter: LogFilter(region: "ord")).isEmpty)
        // tail counts matching lines only.
        #expect(try reader.tail(1, filter: LogFilter(processGroup: "app")).map(\.message) == ["c"])
        #expect(throws: LogError.invalidMachineID("../secrets")) {
            try reader.lines(filter: LogFilter(machineIDs: ["../secrets"]))
        }
    }

    @Test func anEmptyOrMissingDirectoryHasNoLines() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        #expect(try LogReader(directory: directory.path).lines().isEmpty)
        #expect(try LogReader(directory: directory.file("missing")).lines().isEmpty)
    }

    @Test func garbageInTheDirectoryIsIgnored() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try LogWriter(directory: directory.path, app: "web", machineID: Support.machineA, processGroup: "app")
        writer.write(runnerMessage: "kept")
        let garbage = [UInt8](repeating: 0x41, count: 300_000) + [0x0A, 0xFF, 0x00, 0x0A] + Array("{\"x\":1}\n".utf8)
        let other = FileHandleWriter(path: directory.file("ffffffffffffff.log"))
        other.write(garbage)
        let notALog = FileHandleWriter(path: directory.file("README"))
        notALog.write(Array("hello\n".utf8))
        let reader = LogReader(directory: directory.path)
        #expect(reader.machineIDs() == ["ffffffffffffff", Support.machineA].sorted())
        #expect(try reader.lines().map(\.message) == ["kept"])
    }
}

/// Writes raw bytes to a new file.
struct FileHandleWriter {
    let path: String

    func write(_ bytes: [UInt8]) {
        let fd = LogTestSupport.openForWriting(path)
        guard fd >= 0 else { return }
        LogTestSupport.write(fd, bytes)
        LogTestSupport.close(fd)
    }
}

@Suite struct LogFilesTests {
    @Test func removingAMachineDeletesEveryGeneration() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let keep = try LogWriter(directory: directory.path, app: "web", machineID: LogTestSupport.machineB, processGroup: "app")
        keep.write(runnerMessage: "stays")
        let gone = try LogWriter(
            directory: directory.path, app: "web", machineID: LogTestSupport.machineA, processGroup: "app",
            options: LogWriter.Options(maxFileBytes: 512, generations: 5))
        for index in 0..<50 { gone.write(runnerMessage: "message \(index)") }
        gone.close()
        #expect(directory.exists("\(LogTestSupport.machineA).log.5"))
        let files = LogFiles(directory: directory.path)
        try files.remove(machineID: LogTestSupport.machineA)
        #expect(files.machineIDs() == [LogTestSupport.machineB])
        #expect(try LogReader(directory: directory.path).lines().map(\.message) == ["stays"])
        #expect(throws: LogError.invalidMachineID("..")) { try files.remove(machineID: "..") }
    }
}
