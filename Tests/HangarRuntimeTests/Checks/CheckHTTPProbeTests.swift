import Testing
@testable import HangarRuntime

@Suite struct CheckHTTPProbeTests {
    private func probe(_ server: CheckTestServer, timeout: Duration = .seconds(5), method: String = "GET",
                       path: String = "/", scheme: String = "http", tlsServerName: String? = nil,
                       headers: [String: String] = [:]) -> HTTPProbe {
        HTTPProbe(address: server.host, port: Int(server.port), timeout: timeout, method: method, path: path,
                  scheme: scheme, tlsServerName: tlsServerName, headers: headers)
    }

    @Test func okPasses() async throws {
        let server = try CheckTestServer(.respond(CheckTestServer.response(200, "OK", body: "ok")))
        defer { server.stop() }
        let outcome = await probe(server).run()
        #expect(outcome.succeeded)
        #expect(outcome.output.hasPrefix("HTTP 200 OK in "))
    }

    @Test func any2xxPasses() async throws {
        let server = try CheckTestServer(.respond(CheckTestServer.response(204, "No Content")))
        defer { server.stop() }
        #expect(await probe(server).run().succeeded)
    }

    @Test func serverErrorIsAFailure() async throws {
        let server = try CheckTestServer(.respond(CheckTestServer.response(500, "Internal Server Error")))
        defer { server.stop() }
        let outcome = await probe(server).run()
        #expect(!outcome.succeeded)
        #expect(outcome.output.hasPrefix("HTTP 500 Internal Server Error"))
    }

    @Test func redirectsFailAndAreNotFollowed() async throws {
        let redirect = CheckTestServer.response(301, "Moved Permanently", headers: ["Location: https://example.test/health"])
        let server = try CheckTestServer(.respond(redirect))
        defer { server.stop() }
        let outcome = await probe(server, path: "/health").run()
        #expect(!outcome.succeeded)
        #expect(outcome.output.hasPrefix("HTTP 301 Moved Permanently to https://example.test/health"))
        #expect(outcome.output.contains("redirects are not followed"))
        #expect(server.connectionCount == 1)
        #expect(server.requests.count == 1)
    }

    @Test func methodPathAndHeadersReachTheServer() async throws {
        let server = try CheckTestServer(.respond(CheckTestServer.response(200, "OK")))
        defer { server.stop() }
        let outcome = await probe(
            server, method: "post", path: "/healthz?deep=1",
            headers: ["X-Forwarded-Proto": "https", "Authorization": "Bearer t0k", "Connection": "keep-alive"]
        ).run()
        #expect(outcome.succeeded)
        let request = try #require(server.requests.first)
        let lines = request.components(separatedBy: "\r\n")
        #expect(lines.first == "POST /healthz?deep=1 HTTP/1.1")
        #expect(lines.contains("Host: 127.0.0.1:\(server.port)"))
        #expect(lines.contains("User-Agent: Consul Health Check"))
        #expect(lines.contains("X-Forwarded-Proto: https"))
        #expect(lines.contains("Authorization: Bearer t0k"))
        #expect(lines.contains("Content-Length: 0"))
        #expect(lines.contains("Connection: close"))
        #expect(!lines.contains("Connection: keep-alive"))
    }

    @Test func hostComesFromTLSServerNameOrAHostHeader() async throws {
        let server = try CheckTestServer(.respond(CheckTestServer.response(200, "OK")))
        defer { server.stop() }
        _ = await probe(server, tlsServerName: "app.example.com").run()
        _ = await probe(server, tlsServerName: "app.example.com", headers: ["host": "other.example.com"]).run()
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.first?.contains("\r\nHost: app.example.com\r\n") == true)
        #expect(requests.last?.contains("\r\nHost: other.example.com\r\n") == true)
        #expect(requests.last?.contains("app.example.com") == false)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try CheckTestServer(.hang)
        defer { server.stop() }
        let outcome = await probe(server, timeout: .milliseconds(300)).run()
        #expect(outcome == .failed("timeout after 300ms waiting for the response"))
        #expect(server.requests.count == 1)
    }

    @Test func closedPortIsRefused() async throws {
        let port = try CheckTestServer.closedPort()
        let outcome = await HTTPProbe(address: "127.0.0.1", port: Int(port), timeout: .seconds(5)).run()
        #expect(outcome == .failed("connect: connection refused"))
    }

    @Test func aServerThatClosesWithoutAnsweringFails() async throws {
        let server = try CheckTestServer(.closeAtOnce)
        defer { server.stop() }
        let outcome = await probe(server).run()
        #expect(!outcome.succeeded)
        #expect(!outcome.output.isEmpty)
    }

    @Test func aNonHTTPAnswerIsMalformed() async throws {
        let server = try CheckTestServer(.respond("SSH-2.0-OpenSSH_9.6\r\n"))
        defer { server.stop() }
        let outcome = await probe(server).run()
        #expect(!outcome.succeeded)
        #expect(outcome.output.hasPrefix("malformed HTTP response"))
    }

    @Test func interimResponsesAreSkipped() async throws {
        let server = try CheckTestServer(.respond("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
            + CheckTestServer.response(200, "OK")))
        defer { server.stop() }
        #expect(await probe(server).run().succeeded)
    }

    @Test func httpsIsReportedAsUnsupported() async throws {
        let server = try CheckTestServer(.closeAtOnce)
        defer { server.stop() }
        let outcome = await probe(server, scheme: "https").run()
        #expect(outcome == .failed("https checks need a TLS client, which Hangar does not have yet (the port accepts TCP connections)"))
        let port = try CheckTestServer.closedPort()
        let closed = await HTTPProbe(address: "127.0.0.1", port: Int(port), timeout: .seconds(5), scheme: "https").run()
        #expect(closed.output.hasSuffix("(connect: connection refused)"))
    }

    @Test func invalidHeadersAreNotSent() async throws {
        let server = try CheckTestServer(.respond(CheckTestServer.response(200, "OK")))
        defer { server.stop() }
        let outcome = await probe(server, headers: ["X-Evil": "a\r\nInjected: yes"]).run()
        #expect(outcome == .failed("invalid value for HTTP header X-Evil"))
        #expect(server.connectionCount == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingWakesAProbeWaitingForTheResponse() async throws {
        let server = try CheckTestServer(.hang)
        defer { server.stop() }
        let probe = probe(server, timeout: .seconds(3600))
        let task = Task { await probe.run() }
        #expect(await eventually { server.requests.count == 1 })
        task.cancel()
        #expect(await task.value == .cancelled)
        #expect(await eventually { server.heldConnectionsClosedByPeer() == 1 })
    }
}
