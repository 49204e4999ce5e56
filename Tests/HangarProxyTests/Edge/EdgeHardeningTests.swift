import Foundation
import HangarCore
import HangarProxy
import Testing

@Suite(.serialized) struct EdgeHardeningTests {
    static let http80 = PortSpec(start: 80, end: 80, handlers: ["http"])

    func start(_ harness: EdgeProxyHarness) async throws -> (EdgeProxy, Int) {
        try harness.startUpstream("m1")
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"]) { $0.headerReadTimeout = .seconds(1) }
        await edge.apply(EdgeProxyHarness.table([("web", EdgeProxyHarness.service(ports: [Self.http80]), [harness.target("m1")])]))
        return (edge, ports[80] ?? 0)
    }

    @Test func garbageGets400AndOthersAreStillServed() async throws {
        let harness = try EdgeProxyHarness()
        let (edge, port) = try await start(harness)
        let answer = EdgeProxyHarness.rawExchange(port: port, send: Array("\u{01}\u{02}GARBAGE \r\n\r\n\r\n".utf8))
        #expect(answer.hasPrefix("HTTP/1.1 400"))
        #expect(EdgeProxyHarness.curl(["http://127.0.0.1:\(port)/"]).status == 200)
        await edge.stop()
    }

    @Test func aOneMegabyteHeaderIsRefused() async throws {
        let harness = try EdgeProxyHarness()
        let (edge, port) = try await start(harness)
        let request = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n"
        let answer = EdgeProxyHarness.rawExchange(port: port, send: Array(request.utf8))
        #expect(answer.hasPrefix("HTTP/1.1 4"))
        #expect(EdgeProxyHarness.curl(["http://127.0.0.1:\(port)/"]).status == 200)
        await edge.stop()
    }

    @Test func tooManyHeadersAndLongRequestLinesAreRefused() async throws {
        let harness = try EdgeProxyHarness()
        let (edge, port) = try await start(harness)
        var headers: [String] = []
        for index in 0..<150 { headers += ["-H", "X-H\(index): v"] }
        #expect(EdgeProxyHarness.curl(headers + ["http://127.0.0.1:\(port)/"]).status == 431)
        #expect(EdgeProxyHarness.curl(["http://127.0.0.1:\(port)/" + String(repeating: "p", count: 9000)]).status == 414)
        await edge.stop()
    }

    @Test func slowlorisIsCutOffWhileOthersAreServed() async throws {
        let harness = try EdgeProxyHarness()
        let (edge, port) = try await start(harness)
        // Half a request, then silence: the header-read timeout answers 408 and closes.
        async let slow = withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    returning: EdgeProxyHarness.rawExchange(port: port, send: Array("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8), timeout: 10))
            }
        }
        #expect(EdgeProxyHarness.curl(["http://127.0.0.1:\(port)/"]).status == 200)
        let answer = await slow
        #expect(answer.hasPrefix("HTTP/1.1 408"))
        await edge.stop()
    }

    @Test func websocketUpgradePassesThrough() async throws {
        let harness = try EdgeProxyHarness()
        let (edge, port) = try await start(harness)
        let request = "GET /ws HTTP/1.1\r\nHost: web.localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nhello-frames"
        let answer = EdgeProxyHarness.rawExchange(port: port, send: Array(request.utf8), timeout: 2)
        #expect(answer.hasPrefix("HTTP/1.1 101"))
        // Bytes sent in the same packet as the upgrade request reach the app once the 101 is through.
        #expect(answer.contains("hello-frames"))
        await edge.stop()
    }

    @Test func rawTCPPortsAreSpliced() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("t1", raw: true)
        let (edge, ports) = harness.proxy(publicPorts: [5000], apps: ["db"])
        await edge.apply(EdgeProxyHarness.table([(
            "db", EdgeProxyHarness.service(ports: [PortSpec(start: 5000, end: 5000, handlers: [])]), [harness.target("t1")]
        )]))
        let answer = EdgeProxyHarness.rawExchange(port: ports[5000] ?? 0, send: Array("ping".utf8), timeout: 1)
        #expect(answer == "t1:ping")
        await edge.stop()
    }

    @Test func aTakenPortFailsWithAClearMessage() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        let taken = harness.upstreamPorts["m1"] ?? 0
        var options = ProxyOptions(bindHost: "127.0.0.1", portMap: ["web": [80: taken]])
        options.threads = 1
        let edge = EdgeProxy(options: options, demand: harness.sink)
        let errors = await edge.apply(EdgeProxyHarness.table([("web", EdgeProxyHarness.service(ports: [Self.http80]), [harness.target("m1")])]))
        #expect(errors.count == 1)
        #expect(errors.first?.description.contains("port \(taken)") == true)
        #expect(errors.first?.description.contains("--port-offset") == true)
        await edge.stop()
    }
}
