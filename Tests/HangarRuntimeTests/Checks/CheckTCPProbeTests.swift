import Testing
@testable import HangarRuntime

@Suite struct CheckTCPProbeTests {
    @Test func passesAgainstAListeningSocket() async throws {
        let server = try CheckTestServer(.closeAtOnce)
        defer { server.stop() }
        let outcome = await TCPProbe(address: "127.0.0.1", port: Int(server.port), timeout: .seconds(5)).run()
        #expect(outcome.succeeded)
        #expect(outcome.output.hasPrefix("TCP connect 127.0.0.1:\(server.port): success"))
        #expect(await eventually { server.connectionCount == 1 })
    }

    @Test(.enabled(if: CheckTestServer.ipv6LoopbackAvailable))
    func passesOverIPv6() async throws {
        let server = try CheckTestServer(.closeAtOnce, host: "::1")
        defer { server.stop() }
        for address in ["::1", "[::1]"] {
            let outcome = await TCPProbe(address: address, port: Int(server.port), timeout: .seconds(5)).run()
            #expect(outcome.succeeded, "\(address): \(outcome.output)")
            #expect(outcome.output.contains("[::1]:\(server.port)"))
        }
    }

    @Test func closedPortIsRefused() async throws {
        let port = try CheckTestServer.closedPort()
        let outcome = await TCPProbe(address: "127.0.0.1", port: Int(port), timeout: .seconds(5)).run()
        #expect(outcome == .failed("connect: connection refused"))
    }

    @Test func badAddressAndPortFailWithoutConnecting() async {
        let host = await TCPProbe(address: "web.internal", port: 80, timeout: .seconds(1)).run()
        #expect(host == .failed("invalid address web.internal: expected an IPv4 or IPv6 literal"))
        let port = await TCPProbe(address: "127.0.0.1", port: 70000, timeout: .seconds(1)).run()
        #expect(port == .failed("invalid port 70000"))
        let zero = await TCPProbe(address: "127.0.0.1", port: 0, timeout: .seconds(1)).run()
        #expect(zero == .failed("invalid port 0"))
    }

    @Test func aCancelledProbeReportsCancelled() async {
        let task = Task {
            await TCPProbe(address: "127.0.0.1", port: 9, timeout: .seconds(5)).run()
        }
        task.cancel()
        #expect(await task.value == .cancelled)
    }
}

@Suite struct CheckAddressTests {
    @Test func acceptsLiterals() {
        #expect(ProbeAddress("10.0.0.2")?.hostPort(8080) == "10.0.0.2:8080")
        #expect(ProbeAddress("fdaa:0:1::2")?.hostPort(8080) == "[fdaa:0:1::2]:8080")
        #expect(ProbeAddress("[fdaa::2]")?.hostPort(80) == "[fdaa::2]:80")
        #expect(ProbeAddress("fe80::1%1")?.isIPv6 == true)
    }

    @Test func rejectsNamesAndJunk() {
        for text in ["", "localhost", "10.0.0", "10.0.0.2:8080", "[10.0.0.2]x", "fe80::1%", "fe80::1%no-such-if0", "1.2.3.4\0"] {
            #expect(ProbeAddress(text) == nil, "\(text.debugDescription)")
        }
    }
}
