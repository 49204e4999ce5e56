import Foundation
import Testing

@testable import HangarRuntime

@Suite struct LogFollowTests {
    typealias Support = LogTestSupport

    static func writer(_ directory: LogTempDirectory, machine: String = Support.machineA, app: String = "web")
        throws -> LogWriter
    {
        try LogWriter(
            directory: directory.path, app: app, machineID: machine, processGroup: "app",
            options: LogWriter.Options(maxFileBytes: 2048, generations: 100))
    }

    static func write(_ writer: LogWriter, _ range: Range<Int>) {
        for index in range { writer.write(output: Array("message \(index)\n".utf8), stream: .stdout) }
    }

    static func messages(_ range: Range<Int>) -> [String] { range.map { "message \($0)" } }

    @Test func seesNewLinesAndKeepsGoingAcrossRotations() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory)
        Self.write(writer, 0..<5)  // before following: not shown
        let stream = try LogReader(directory: directory.path).follow(pollInterval: .milliseconds(5))
        var iterator = stream.makeAsyncIterator()
        func take(_ count: Int) async -> [String] {
            var out: [String] = []
            while out.count < count, let line = await iterator.next() { out.append(line.message) }
            return out
        }

        Self.write(writer, 5..<15)
        #expect(await take(10) == Self.messages(5..<15))

        // Several rotations while the follower still holds the first file.
        Self.write(writer, 15..<215)
        #expect(directory.exists("\(Support.machineA).log.5"))
        #expect(await take(200) == Self.messages(15..<215))

        // Writing while following, line by line.
        let producer = Task {
            Self.write(writer, 215..<415)
        }
        #expect(await take(200) == Self.messages(215..<415))
        await producer.value
    }

    @Test func backlogThenNewLines() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory)
        Self.write(writer, 0..<40)
        let stream = try LogReader(directory: directory.path).follow(backlog: 3, pollInterval: .milliseconds(5))
        Self.write(writer, 40..<42)
        let lines = await Support.collect(5, from: stream)
        #expect(lines.map(\.message) == Self.messages(37..<42))
    }

    @Test func picksUpMachinesThatStartLater() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let stream = try LogReader(directory: directory.path).follow(pollInterval: .milliseconds(5))
        let a = try Self.writer(directory)
        a.write(runnerMessage: "first machine")
        let b = try Self.writer(directory, machine: Support.machineB)
        b.write(runnerMessage: "second machine")
        let lines = await Support.collect(2, from: stream)
        #expect(Set(lines.map(\.message)) == ["first machine", "second machine"])
    }

    @Test func followsOnlyWhatTheFilterAsksFor() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let web = try Self.writer(directory)
        let other = try Self.writer(directory, machine: Support.machineB, app: "other")
        let stream = try LogReader(directory: directory.path)
            .follow(filter: LogFilter(app: "web"), pollInterval: .milliseconds(5))
        other.write(runnerMessage: "not this")
        web.write(runnerMessage: "this")
        other.write(runnerMessage: "not this either")
        web.write(runnerMessage: "and this")
        let lines = await Support.collect(2, from: stream)
        #expect(lines.map(\.message) == ["this", "and this"])
        #expect(lines.allSatisfy { $0.app == "web" })
    }

    @Test func mergesMachinesByTimeWithinAPoll() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let a = try Self.writer(directory)
        let b = try Self.writer(directory, machine: Support.machineB)
        a.write(runnerMessage: "exists")
        b.write(runnerMessage: "exists")
        let stream = try LogReader(directory: directory.path).follow(pollInterval: .seconds(3600))
        // Nothing is new yet, so the follower's first poll happens on the first `next()`, after
        // these writes.
        b.append([Support.line("b2", at: 4_000_000_000_000_002, machine: Support.machineB)])
        a.append([Support.line("a1", at: 4_000_000_000_000_001), Support.line("a3", at: 4_000_000_000_000_003)])
        let lines = await Support.collect(3, from: stream)
        #expect(lines.map(\.message) == ["a1", "b2", "a3"])
    }

    @Test func truncationStartsOver() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory)
        let stream = try LogReader(directory: directory.path).follow(pollInterval: .milliseconds(5))
        var iterator = stream.makeAsyncIterator()
        writer.write(runnerMessage: String(repeating: "long line ", count: 20))
        #expect(await iterator.next()?.message.hasPrefix("long line") == true)
        let fd = Support.openForWriting(directory.file("\(Support.machineA).log"))  // truncates
        Support.close(fd)
        writer.write(runnerMessage: "short")
        #expect(await iterator.next()?.message == "short")
    }

    @Test func cancellingTheConsumerEndsTheStream() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let writer = try Self.writer(directory)
        writer.write(runnerMessage: "old")
        let stream = try LogReader(directory: directory.path).follow(pollInterval: .milliseconds(50))
        let consumer = Task {
            var count = 0
            for await _ in stream { count += 1 }
            return count
        }
        writer.write(runnerMessage: "maybe seen")
        consumer.cancel()
        let count = await consumer.value
        #expect(count <= 1)
    }

    @Test func aLongPollIntervalStillEndsOnCancellation() async throws {
        let directory = LogTempDirectory()
        defer { directory.remove() }
        let stream = try LogReader(directory: directory.path).follow(pollInterval: .seconds(3600))
        let consumer = Task {
            var count = 0
            for await _ in stream { count += 1 }
            return count
        }
        consumer.cancel()
        #expect(await consumer.value == 0)
    }

    @Test func invalidMachineIDsAreRejectedUpFront() {
        let reader = LogReader(directory: "/nonexistent")
        #expect(throws: LogError.invalidMachineID("a/b")) {
            _ = try reader.follow(filter: LogFilter(machineIDs: ["a/b"]))
        }
    }
}
