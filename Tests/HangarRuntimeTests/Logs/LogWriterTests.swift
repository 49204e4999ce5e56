import Foundation
import Testing

@testable import HangarRuntime
import HangarStore

@Suite struct LogWriterTests {
    typealias Support = LogTestSupport

    static func writer(
        _ directory: LogTempDirectory, machine: String = Support.machineA, group: String = "app",
        _ options: LogWriter.Options = LogWriter.Options()
    ) throws -> LogWriter {
        try LogWriter(directory: directory.path, app: "web", machineID: machine, processGroup: group, options: options)
    }

    @Test func subprocessOutputLandsWithItsStream() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory)
        let out = try writer.makePipe(for: .stdout)
        let err = try writer.makePipe(for: .stderr)
        let status = Support.runShell("echo a; echo b >&2; printf 'no newline'", stdout: out.writeEnd, stderr: err.writeEnd)
        Support.close(out.writeEnd)
        Support.close(err.writeEnd)
        #expect(status == 0)
        await out.pump.finished()
        await err.pump.finished()
        #expect(out.pump.isFinished && err.pump.isFinished)

        let lines = try LogReader(directory: directory.path).lines()
        #expect(lines.count == 3)
        let byMessage = Dictionary(lines.map { ($0.message, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byMessage["a"]?.stream == .stdout)
        #expect(byMessage["b"]?.stream == .stderr)
        #expect(byMessage["no newline"]?.stream == .stdout)
        for line in lines {
            #expect(line.level == .info)
            #expect(line.source == .app)
            #expect(line.app == "web")
            #expect(line.machineID == Support.machineA)
            #expect(line.processGroup == "app")
            #expect(line.region == "local")
        }
    }

    @Test func partialWritesAreJoined() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory, LogWriter.Options(partialLineFlush: nil))
        let (writeEnd, pump) = try writer.makePipe(for: .stdout)
        Support.write(writeEnd, "hel")
        Support.write(writeEnd, "lo wor")
        Support.write(writeEnd, "ld\r\nsecond\n")
        Support.write(writeEnd, "tail without newline")
        Support.close(writeEnd)
        await pump.finished()
        let messages = try LogReader(directory: directory.path).lines().map(\.message)
        #expect(messages == ["hello world", "second", "tail without newline"])
    }

    @Test func aPartialLineIsWrittenAfterAPause() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory, LogWriter.Options(partialLineFlush: .milliseconds(20)))
        let follow = try LogReader(directory: directory.path).follow(pollInterval: .milliseconds(5))
        let (writeEnd, pump) = try writer.makePipe(for: .stdout)
        Support.write(writeEnd, "Password: ")
        // The prompt shows up without its newline; no timing is asserted, only that it arrives.
        let seen = await Support.collect(1, from: follow)
        Support.close(writeEnd)
        await pump.finished()
        #expect(seen.map(\.message) == ["Password: "])
    }

    @Test func hugeLinesAreCut() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory, LogWriter.Options(partialLineFlush: nil))
        let (writeEnd, pump) = try writer.makePipe(for: .stdout)
        let huge = [UInt8](repeating: UInt8(ascii: "x"), count: 200_000)
        Support.write(writeEnd, huge + Array("\nafter\n".utf8))
        Support.close(writeEnd)
        await pump.finished()
        let lines = try LogReader(directory: directory.path).lines()
        #expect(lines.map(\.message.utf8.count) == [65_536, 65_536, 65_536, 200_000 - 3 * 65_536, 5])
        #expect(lines.last?.message == "after")
    }

    @Test func invalidUTF8AndControlBytesSurvive() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory)
        let (writeEnd, pump) = try writer.makePipe(for: .stderr)
        Support.write(writeEnd, [0xFF, 0xFE, UInt8(ascii: "A"), 0x00, 0x1B] + Array("[31mred\u{1B}[0m\n".utf8))
        Support.write(writeEnd, [0xC3] + Array("\n".utf8))
        Support.close(writeEnd)
        await pump.finished()
        let messages = try LogReader(directory: directory.path).lines().map(\.message)
        #expect(messages == ["\u{FFFD}\u{FFFD}A\u{0}\u{1B}[31mred\u{1B}[0m", "\u{FFFD}"])
    }

    @Test func runnerMessages() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory)
        writer.write(runnerMessage: "Machine started in 120ms")
        writer.write(runnerMessage: "first\nsecond", level: .warn)
        writer.write(runnerMessage: "Could not proxy HTTP request.", level: .error, source: .proxy)
        let lines = try LogReader(directory: directory.path).lines()
        #expect(lines.map(\.message) == ["Machine started in 120ms", "first", "second", "Could not proxy HTTP request."])
        #expect(lines.map(\.source) == [.runner, .runner, .runner, .proxy])
        #expect(lines.map(\.level) == [.info, .warn, .warn, .error])
        #expect(lines.allSatisfy { $0.stream == nil })
        let text = LogFormatter().format(lines[0])
        #expect(text.hasSuffix("Z runner[3d8d9a1c2e4f56] local [info] Machine started in 120ms"))
    }

    @Test func rotationKeepsEveryLineInOrder() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let options = LogWriter.Options(maxFileBytes: 4096, generations: 200)
        let writer = try Self.writer(directory, options)
        var written: [String] = []
        for batch in 0..<40 {
            var chunk: [UInt8] = []
            for index in 0..<25 {
                let message = "line \(batch * 25 + index) " + String(repeating: "p", count: index * 3)
                written.append(message)
                chunk.append(contentsOf: Array((message + "\n").utf8))
            }
            writer.write(output: chunk, stream: .stdout)
        }
        writer.close()
        #expect(directory.exists("\(Support.machineA).log.1"))
        #expect(directory.exists("\(Support.machineA).log.10"))
        var generation = 1
        while directory.exists("\(Support.machineA).log.\(generation)") {
            #expect(directory.size("\(Support.machineA).log.\(generation)") <= 4096)
            generation += 1
        }
        #expect(generation > 20)
        let lines = try LogReader(directory: directory.path).lines()
        #expect(lines.map(\.message) == written)
        #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
    }

    @Test func rotationKeepsOnlyTheNewestGenerations() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory, LogWriter.Options(maxFileBytes: 2048, generations: 3))
        for index in 0..<500 { writer.write(output: Array("message \(index)\n".utf8), stream: .stdout) }
        #expect(directory.exists("\(Support.machineA).log.3"))
        #expect(!directory.exists("\(Support.machineA).log.4"))
        let messages = try LogReader(directory: directory.path).lines().map(\.message)
        // The newest lines are all there, contiguous and in order, ending with the last one.
        #expect(messages.count > 20)
        #expect(messages.last == "message 499")
        let first = 500 - messages.count
        #expect(messages == (first..<500).map { "message \($0)" })
    }

    @Test func noGenerationsMeansStartingOver() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory, LogWriter.Options(maxFileBytes: 1024, generations: 0))
        for index in 0..<100 { writer.write(output: Array("message \(index)\n".utf8), stream: .stdout) }
        #expect(!directory.exists("\(Support.machineA).log.1"))
        #expect(directory.size("\(Support.machineA).log") <= 1024)
        let messages = try LogReader(directory: directory.path).lines().map(\.message)
        #expect(messages.last == "message 99")
    }

    @Test func aTornRecordIsSkippedAndWritingGoesOn() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let first = try Self.writer(directory)
        first.write(runnerMessage: "before the crash")
        first.close()
        // A crash in the middle of a record.
        let handle = FileHandle(forWritingAtPath: directory.file("\(Support.machineA).log"))
        handle?.seekToEndOfFile()
        handle?.write(Data(#"{"timestamp":"2026-11-22T14:00"#.utf8))
        try handle?.close()
        let second = try Self.writer(directory)
        second.write(runnerMessage: "after the restart")
        let messages = try LogReader(directory: directory.path).lines().map(\.message)
        #expect(messages == ["before the crash", "after the restart"])
    }

    @Test func timestampsNeverGoBackwardsWithinAFile() throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory)
        writer.append([Support.line("late", at: 2_000), Support.line("early clock", at: 1_000)])
        let lines = try LogReader(directory: directory.path).lines()
        #expect(lines.map(\.message) == ["late", "early clock"])
        #expect(lines.map(\.timestamp.microseconds) == [2_000, 2_000])
    }

    @Test func machineIDsCannotEscapeTheDirectory() {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        for id in ["", "../etc", "a/b", "x.log", String(repeating: "a", count: 65), "é"] {
            #expect(throws: LogError.invalidMachineID(id)) { try Self.writer(directory, machine: id) }
        }
    }

    @Test func anUnwritableDirectoryIsAnError() {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        _ = FileManager.default.createFile(atPath: directory.file("plain"), contents: Data())
        #expect(throws: LogError.self) {
            try LogWriter(directory: directory.file("plain/logs"), app: "web", machineID: "abc", processGroup: "app")
        }
    }
}

@Suite struct LogPumpTests {
    typealias Support = LogTestSupport

    @Test func bothStreamsOfABusyProcessSurviveRotation() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try LogWriter(
            directory: directory.path, app: "web", machineID: Support.machineA, processGroup: "app",
            options: LogWriter.Options(maxFileBytes: 16 << 10, generations: 900, partialLineFlush: nil))
        let out = try writer.makePipe(for: .stdout)
        let err = try writer.makePipe(for: .stderr)
        let script = #"i=0; while [ $i -lt 1500 ]; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); done"#
        let status = Support.runShell(script, stdout: out.writeEnd, stderr: err.writeEnd)
        Support.close(out.writeEnd)
        Support.close(err.writeEnd)
        #expect(status == 0)
        await out.pump.finished()
        await err.pump.finished()
        #expect(writer.droppedLineCount == 0)
        #expect(directory.exists("\(Support.machineA).log.10"))
        let lines = try LogReader(directory: directory.path).lines()
        let stdout = lines.filter { $0.stream == .stdout }.map(\.message)
        let stderr = lines.filter { $0.stream == .stderr }.map(\.message)
        #expect(stdout == (0..<1500).map { "out \($0)" })
        #expect(stderr == (0..<1500).map { "err \($0)" })
    }

    @Test func aBadDescriptorFinishesAtOnce() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try LogWriter(directory: directory.path, app: "web", machineID: Support.machineA, processGroup: "app")
        let pump = writer.attach(fd: -1, stream: .stdout)
        await pump.finished()
        #expect(pump.isFinished)
        #expect(try LogReader(directory: directory.path).lines().isEmpty)
    }

    @Test func logsLiveUnderTheStateDirectory() {
        let files = LogFiles(location: StoreLocation(home: "/var/lib/hangar/"))
        #expect(files.directory == "/var/lib/hangar/logs")
        #expect(files.current("3d8d9a1c2e4f56") == "/var/lib/hangar/logs/3d8d9a1c2e4f56.log")
        #expect(files.generation(2, of: "3d8d9a1c2e4f56") == "/var/lib/hangar/logs/3d8d9a1c2e4f56.log.2")
    }
}
