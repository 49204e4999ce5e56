import Foundation
import HangarRuntime
import Synchronization
import Testing
@testable import HangarAPI

@Suite struct LogStreamTests {
    func entry(_ message: String, machine: String = "00000000000001") -> LogEntry {
        LogEntry(timestamp: "2026-11-22T14:00:00Z", source: "app", machine: machine, group: "app", message: message)
    }

    /// Waits until `condition` holds (bounded by `testPatience`, against hangs).
    func eventually(_ condition: @Sendable () async -> Bool) async throws {
        let deadline = ContinuousClock.now + testPatience
        while ContinuousClock.now < deadline {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("condition never held")
    }

    @Test func followSendsRecentThenNewLinesUntilCancelled() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let runtime = server.runtime
        await runtime.seed(app: "demo")
        await runtime.emit(entry("before 1"))
        await runtime.emit(entry("before 2"))
        let received = Mutex<[String]>([])
        let client = server.client
        let follower = Task {
            try await client.followLogs(LogQuery(app: "demo", tail: 1)) { entry in
                received.withLock { $0.append(entry.message) }
            }
        }
        try await eventually { await runtime.followerCount == 1 }
        await runtime.emit(entry("after 1"))
        await runtime.emit(entry("other machine", machine: "00000000000002"))
        await runtime.emit(entry("after 2"))
        try await eventually { received.withLock { $0.count } >= 4 }
        #expect(received.withLock { $0 } == ["before 2", "after 1", "other machine", "after 2"])
        follower.cancel()
        _ = await follower.result
        // The server notices the client went away and ends the runtime's stream.
        try await eventually { runtime.endedFollowers.withLock { $0 } == 1 }
        #expect(await runtime.followerCount == 0)
    }

    @Test func followFiltersByMachine() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let runtime = server.runtime
        await runtime.seed(app: "demo")
        let received = Mutex<[String]>([])
        let client = server.client
        let follower = Task {
            try await client.followLogs(LogQuery(app: "demo", machine: "00000000000002", tail: 0)) { entry in
                received.withLock { $0.append(entry.message) }
            }
        }
        try await eventually { await runtime.followerCount == 1 }
        await runtime.emit(entry("not this"))
        await runtime.emit(entry("this", machine: "00000000000002"))
        try await eventually { received.withLock { $0.count } >= 1 }
        follower.cancel()
        _ = await follower.result
        #expect(received.withLock { $0 } == ["this"])
    }

    @Test func followOfAnUnknownAppIs404() async throws {
        let server = try TestServer()
        defer { server.stop() }
        do {
            try await server.client.followLogs(LogQuery(app: "nope")) { _ in }
            Issue.record("expected an error")
        } catch {
            guard case .api(let apiError) = error else { throw error }
            #expect(apiError.status == 404)
        }
    }

    @Test func rawFollowIsChunkedNDJSONAndEndsWhenTheClientCloses() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let runtime = server.runtime
        await runtime.seed(app: "demo")
        await runtime.emit(entry("hello"))
        let socket = try UnixSocket.connect(path: server.socketPath)
        let text = try await onThread {
            try socket.write(Array("GET /v1/hangar/apps/demo/logs?follow=1&tail=5 HTTP/1.1\r\n\r\n".utf8), until: .now + testPatience)
            var text = ""
            while !text.contains("hello") {
                let piece = try socket.read(until: .now + testPatience)
                if piece.isEmpty { break }
                text += String(decoding: piece, as: UTF8.self)
            }
            return text
        }
        #expect(text.contains("Transfer-Encoding: chunked"))
        #expect(text.contains("application/x-ndjson"))
        #expect(text.contains("\"message\":\"hello\""))
        socket.close()
        try await eventually { runtime.endedFollowers.withLock { $0 } == 1 }
    }

    @Test func serverStopEndsStreams() async throws {
        let server = try TestServer()
        let runtime = server.runtime
        await runtime.seed(app: "demo")
        let client = server.client
        let follower = Task { try await client.followLogs(LogQuery(app: "demo")) { _ in } }
        try await eventually { await runtime.followerCount == 1 }
        server.stop()
        _ = await follower.result
        try await eventually { runtime.endedFollowers.withLock { $0 } == 1 }
    }

    @Test func streamSinkRefusesWhenClosedOrFull() {
        let sink = StreamSink(capacity: 2)
        #expect(sink.send([1]))
        #expect(sink.send([2]))
        #expect(!sink.send([3]))
        #expect(sink.isClosed)
        #expect(sink.next(timeout: .milliseconds(1)) == .chunk([1]))
        let other = StreamSink()
        other.close()
        #expect(!other.send([1]))
    }
}
