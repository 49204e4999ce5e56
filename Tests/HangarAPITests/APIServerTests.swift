import Foundation
import Glibc
import Testing
@testable import HangarAPI

@Suite struct APIServerTests {
    @Test func socketIsPrivateToItsOwner() throws {
        let server = try TestServer()
        defer { server.stop() }
        var info = stat()
        #expect(stat(server.socketPath, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFSOCK)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test func stopRemovesTheSocket() throws {
        let server = try TestServer()
        server.server.stop()
        #expect(!FileManager.default.fileExists(atPath: server.socketPath))
        server.directory.remove()
    }

    @Test func refusesWhenAnotherServerAnswers() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let second = APIServer(socketPath: server.socketPath, router: Router(routes: []))
        #expect(throws: APIServer.StartError.alreadyServing(server.socketPath)) { try second.start() }
        // The first one still answers.
        #expect(statusCodes(try await server.raw("GET /v1/hangar/daemon HTTP/1.1\r\n\r\n")) == [200])
    }

    @Test func replacesAStaleSocket() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/hangar.sock"
        // A socket file nobody listens on, as a killed daemon leaves it.
        do {
            let stale = try UnixSocket.listen(path: path)
            stale.close()
        }
        #expect(FileManager.default.fileExists(atPath: path))
        let server = APIServer(socketPath: path, router: APIRoutes.router(runtime: FakeRuntime(), daemon: DaemonInfo(pid: 1, version: "t", home: directory.path, startedAt: "")))
        try server.start()
        defer { server.stop() }
        #expect(await APIClient(socketPath: path, patience: testPatience).isAnswering())
    }

    @Test func neverDeletesAFileThatIsNotASocket() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/hangar.sock"
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        let server = APIServer(socketPath: path, router: Router(routes: []))
        #expect(throws: APIServer.StartError.notASocket(path)) { try server.start() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    }

    @Test func refusesAPathTooLongForASocket() throws {
        let path = "/tmp/" + String(repeating: "x", count: 120) + "/hangar.sock"
        let server = APIServer(socketPath: path, router: Router(routes: []))
        #expect(throws: APIServer.StartError.socket(.pathTooLong(path))) { try server.start() }
    }

    @Test func clientSaysWhenNoDaemonRuns() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let client = APIClient(socketPath: directory.path + "/hangar.sock")
        await #expect(throws: APIClientError.daemonNotRunning(socket: directory.path + "/hangar.sock")) {
            _ = try await client.apps()
        }
        #expect(await client.isAnswering() == false)
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let text = try await server.raw(
            "GET /v1/apps HTTP/1.1\r\n\r\nGET /v1/hangar/daemon HTTP/1.1\r\n\r\nGET /v1/hangar/apps/nope HTTP/1.1\r\n\r\n")
        #expect(statusCodes(text) == [200, 200, 404])
    }

    @Test func connectionCloseIsHonoured() async throws {
        let server = try TestServer()
        defer { server.stop() }
        // No half-close: the server must close after the first response by itself.
        let text = try await server.raw("GET /v1/apps HTTP/1.1\r\nConnection: close\r\n\r\nGET /v1/apps HTTP/1.1\r\n\r\n", halfClose: false)
        #expect(statusCodes(text) == [200])
        #expect(text.contains("Connection: close"))
    }

    @Test func expectContinueGetsAnInterimResponse() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let path = server.socketPath
        let (interim, answer) = try await onThread {
            let socket = try UnixSocket.connect(path: path)
            defer { socket.close() }
            try socket.write(
                Array("POST /v1/hangar/apps/demo/scale HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 20\r\n\r\n".utf8),
                until: .now + testPatience)
            let interim = String(decoding: try socket.read(until: .now + testPatience), as: UTF8.self)
            try socket.write(Array("{\"counts\":{\"app\":2}}".utf8), until: .now + testPatience)
            let answer = String(decoding: try socket.read(until: .now + testPatience), as: UTF8.self)
            return (interim, answer)
        }
        #expect(interim.hasPrefix("HTTP/1.1 100 Continue"))
        #expect(statusCodes(answer) == [404])
    }

    @Test func slowRequestsTimeOutWith408() async throws {
        let server = try TestServer(limits: HTTPLimits(requestTimeout: .milliseconds(300), idleTimeout: .milliseconds(300)))
        defer { server.stop() }
        let text = try await server.raw("GET /v1/apps HTTP/1.1\r\nHost: x\r\n", halfClose: false)
        #expect(statusCodes(text) == [408])
        // An idle connection is closed without a response.
        #expect(try await server.raw("", halfClose: false) == "")
    }

    @Test func connectionsBeyondTheLimitGet503() async throws {
        let server = try TestServer(limits: HTTPLimits(idleTimeout: testPatience, maxConnections: 2))
        defer { server.stop() }
        let held = try (0..<2).map { _ in try UnixSocket.connect(path: server.socketPath) }
        defer { held.forEach { $0.close() } }
        let deadline = ContinuousClock.now + testPatience
        while server.server.connectionCount < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let text = try await server.raw("GET /v1/apps HTTP/1.1\r\n\r\n")
        #expect(statusCodes(text) == [503])
    }

    @Test func manyConcurrentClients() async throws {
        let server = try TestServer()
        defer { server.stop() }
        await server.runtime.seed(app: "demo")
        let client = server.client
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<40 {
                group.addTask { (try? await client.status(app: "demo"))?.app == "demo" }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 40)
        #expect(results.allSatisfy { $0 })
    }

    @Test func stopEndsOpenConnections() async throws {
        let server = try TestServer()
        let socket = try UnixSocket.connect(path: server.socketPath)
        defer { socket.close() }
        let first = try await onThread {
            try socket.write(Array("GET /v1/apps HTTP/1.1\r\n\r\n".utf8), until: .now + testPatience)
            var received: [UInt8] = []
            while statusCodes(String(decoding: received, as: UTF8.self)).isEmpty {
                let piece = try socket.read(until: .now + testPatience)
                if piece.isEmpty { break }
                received += piece
            }
            return String(decoding: received, as: UTF8.self)
        }
        #expect(statusCodes(first) == [200])
        server.stop()
        let rest = try await onThread { try socket.read(until: .now + testPatience) }
        #expect(rest.isEmpty)
    }
}
