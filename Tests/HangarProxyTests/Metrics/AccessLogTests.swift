import HangarProxy
import Synchronization
import Testing

/// A sink that keeps the batches it was handed.
final class AccessLogTestSink: AccessLogSink {
    let batches = Mutex<[[AccessLogEntry]]>([])

    func write(_ entries: [AccessLogEntry]) {
        batches.withLock { $0.append(entries) }
    }

    var entries: [AccessLogEntry] { batches.withLock { $0.flatMap { $0 } } }
}

@Suite struct AccessLogTests {
    static func record(status: Int = 200, path: String = "/hello", errorCode: String? = nil) -> AccessLogRecord {
        AccessLogRecord(
            app: "web", machineID: "3d8d9a1c2e4f56", group: "app", method: "GET", path: path, status: status,
            duration: .microseconds(1234), bytesIn: 0, bytesOut: 512, requestID: "01HZX-local", clientIP: "127.0.0.1",
            host: "web.localhost", errorCode: errorCode, errorMessage: errorCode == nil ? nil : "could not find a good candidate")
    }

    @Test func aRequestBecomesOneFlyShapedLine() {
        let entry = AccessLog.entry(Self.record(), at: 1_700_000_000_000_000)
        #expect(entry.level == .info)
        #expect(entry.machineID == "3d8d9a1c2e4f56")
        #expect(entry.group == "app")
        #expect(
            entry.message
                == "GET /hello 200 1.2ms 512B request.id=\"01HZX-local\" client.ip=\"127.0.0.1\" host=\"web.localhost\"")
    }

    @Test func levelsFollowTheOutcome() {
        #expect(AccessLog.entry(Self.record(status: 404), at: 0).level == .info)
        #expect(AccessLog.entry(Self.record(status: 502), at: 0).level == .warn)
        let refused = AccessLog.entry(Self.record(status: 503, errorCode: "PR04"), at: 0)
        #expect(refused.level == .error)
        #expect(refused.message.contains("error.code=\"PR04\" error.message=\"could not find a good candidate\""))
    }

    @Test func hostileRequestTextCannotForgeFields() {
        let entry = AccessLog.entry(Self.record(path: "/a b\n\"x\""), at: 0)
        #expect(entry.message.hasPrefix("GET /a%20b%0A\"x\" 200 "))
        #expect(!entry.message.contains("\n"))
    }

    @Test func recordsReachTheSinkInBatches() async throws {
        let sink = AccessLogTestSink()
        let log = AccessLog(sink: sink, flushInterval: .seconds(3600), maxBatch: 3)
        for _ in 0..<7 { log.record(Self.record()) }
        // Nothing is written on the recording thread; a flush hands them over in batches.
        #expect(sink.entries.isEmpty)
        log.shutdown()
        #expect(sink.batches.withLock { $0.map(\.count) } == [3, 3, 1])
        log.record(Self.record())
        log.flush()
        #expect(sink.entries.count == 7)
    }

    @Test func theTimerFlushesQuietPeriods() async throws {
        let sink = AccessLogTestSink()
        let log = AccessLog(sink: sink, flushInterval: .milliseconds(20))
        log.record(Self.record())
        for _ in 0..<500 where sink.entries.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(sink.entries.count == 1)
        log.shutdown()
    }

    @Test func aSinkThatFallsBehindLosesNewLinesNotMemory() {
        let sink = AccessLogTestSink()
        let log = AccessLog(sink: sink, flushInterval: .seconds(3600), maxBatch: 1_000_000, maxBuffered: 10)
        for _ in 0..<15 { log.record(Self.record()) }
        #expect(log.droppedCount == 5)
        log.shutdown()
        #expect(sink.entries.count == 10)
    }
}
