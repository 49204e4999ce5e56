import FlyConfig
import Foundation
import HangarCore
import HangarProxy
import Testing

@Suite(.serialized) struct EdgeProxyTests {
    static let http80 = PortSpec(start: 80, end: 80, handlers: ["http"])

    @Test func forwardsWithFlyHeadersAndResponseOptions() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        var port = Self.http80
        var http = HTTPOptions()
        var response = HTTPResponseOptions()
        response.headers = ["X-Secret": .flag(false), "X-Added": .value("yes")]
        http.response = response
        port.httpOptions = http
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"])
        let errors = await edge.apply(EdgeProxyHarness.table([("web", EdgeProxyHarness.service(ports: [port]), [harness.target("m1")])]))
        #expect(errors.isEmpty)
        let local = try #require(ports[80])
        let result = EdgeProxyHarness.curl([
            "-H", "Fly-Client-IP: 6.6.6.6", "-H", "X-Forwarded-For: 2.2.2.2", "http://web.localhost:\(local)/hello?x=1",
        ])
        #expect(result.status == 200)
        #expect(result.machine == "m1")
        #expect(result.json["path"] as? String == "/hello?x=1")
        let seen = result.seenHeaders
        #expect(seen["fly-client-ip"] == "127.0.0.1")
        #expect(seen["x-forwarded-for"] == "2.2.2.2, 127.0.0.1")
        #expect(seen["x-forwarded-proto"] == "http")
        #expect(seen["x-forwarded-port"] == "80")
        #expect(seen["x-forwarded-ssl"] == "off")
        #expect(seen["fly-forwarded-port"] == "80")
        #expect(seen["fly-region"] == "local")
        #expect(seen["fly-request-id"]?.hasSuffix("-local") == true)
        #expect(seen["via"] == "1.1 hangar")
        #expect(result.headers["fly-request-id"] == seen["fly-request-id"])
        #expect(result.headers["via"] == "1.1 hangar")
        #expect(result.headers["x-secret"] == nil)
        #expect(result.headers["x-added"] == "yes")
        await edge.stop()
    }

    @Test func pristineKeepsResponseHeadersAlone() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        var port = Self.http80
        var http = HTTPOptions()
        var response = HTTPResponseOptions()
        response.pristine = true
        http.response = response
        port.httpOptions = http
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"])
        await edge.apply(EdgeProxyHarness.table([("web", EdgeProxyHarness.service(ports: [port]), [harness.target("m1")])]))
        let result = EdgeProxyHarness.curl(["http://127.0.0.1:\(ports[80] ?? 0)/"])
        #expect(result.status == 200)
        #expect(result.headers["via"] == nil)
        #expect(result.headers["fly-request-id"] == nil)
        #expect(result.headers["x-secret"] == "hidden")
        await edge.stop()
    }

    @Test func keepAliveReusesThePooledUpstreamConnection() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        // Pools are per event loop: one loop, so both client connections share it.
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"]) { $0.threads = 1 }
        await edge.apply(EdgeProxyHarness.table([("web", EdgeProxyHarness.service(ports: [Self.http80]), [harness.target("m1")])]))
        let local = ports[80] ?? 0
        let first = EdgeProxyHarness.curl(["http://127.0.0.1:\(local)/a"])
        let second = EdgeProxyHarness.curl(["http://127.0.0.1:\(local)/b"])
        #expect(first.status == 200 && second.status == 200)
        // Two client connections, one upstream connection: the app saw the same peer port twice.
        #expect(first.json["client_port"] as? Int == second.json["client_port"] as? Int)
        await edge.stop()
    }

    @Test func forceHTTPSRedirectsToTheTLSPortWithTheOffset() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        let ports = [
            PortSpec(start: 80, end: 80, handlers: ["http"], forceHTTPS: true),
            PortSpec(start: 443, end: 443, handlers: ["tls", "http"]),
        ]
        let offset = EdgeProxyHarness.freePort()
        var options = ProxyOptions(bindHost: "127.0.0.1", portOffset: offset - 80)
        options.threads = 1
        let edge = EdgeProxy(options: options, demand: harness.sink)
        await edge.apply(EdgeProxyHarness.table([("web", EdgeProxyHarness.service(ports: ports), [harness.target("m1")])]))
        let result = EdgeProxyHarness.curl(["http://web.localhost:\(offset)/path?q=1"])
        #expect(result.status == 301)
        #expect(result.headers["location"] == "https://web.localhost:\(443 + offset - 80)/path?q=1")
        await edge.stop()
    }

    @Test func sharedPortRoutesByHost() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("a1")
        try harness.startUpstream("b1")
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["alpha", "beta"]) { $0.hostnames = ["beta.example.com": "beta"] }
        let service = EdgeProxyHarness.service(ports: [Self.http80])
        await edge.apply(EdgeProxyHarness.table([("alpha", service, [harness.target("a1")]), ("beta", service, [harness.target("b1")])]))
        let local = ports[80] ?? 0
        #expect(EdgeProxyHarness.curl(["http://alpha.localhost:\(local)/"]).machine == "a1")
        #expect(EdgeProxyHarness.curl(["-H", "Host: beta", "http://127.0.0.1:\(local)/"]).machine == "b1")
        #expect(EdgeProxyHarness.curl(["-H", "Host: beta.example.com", "http://127.0.0.1:\(local)/"]).machine == "b1")
        #expect(EdgeProxyHarness.curl(["-H", "Host: nobody", "http://127.0.0.1:\(local)/"]).status == 404)
        await edge.stop()
    }

    @Test func unhealthyAndDrainingTargetsGetNothing() async throws {
        let harness = try EdgeProxyHarness()
        for name in ["m1", "m2", "m3"] { try harness.startUpstream(name) }
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"])
        await edge.apply(EdgeProxyHarness.table([(
            "web", EdgeProxyHarness.service(ports: [Self.http80]),
            [harness.target("m1"), harness.target("m2", state: .unhealthy), harness.target("m3", state: .draining)]
        )]))
        for _ in 0..<8 {
            #expect(EdgeProxyHarness.curl(["http://127.0.0.1:\(ports[80] ?? 0)/"]).machine == "m1")
        }
        await edge.stop()
    }

    @Test func forceAndPreferInstanceHeadersPickTheMachine() async throws {
        let harness = try EdgeProxyHarness()
        for name in ["m1", "m2"] { try harness.startUpstream(name) }
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"])
        await edge.apply(EdgeProxyHarness.table([(
            "web", EdgeProxyHarness.service(ports: [Self.http80]), [harness.target("m1"), harness.target("m2")]
        )]))
        let url = "http://127.0.0.1:\(ports[80] ?? 0)/"
        for _ in 0..<4 {
            #expect(EdgeProxyHarness.curl(["-H", "fly-force-instance-id: m2", url]).machine == "m2")
            #expect(EdgeProxyHarness.curl(["-H", "fly-prefer-instance-id: m1", url]).machine == "m1")
        }
        await edge.stop()
    }

    @Test func flyReplayRedeliversToTheNamedInstance() async throws {
        let harness = try EdgeProxyHarness()
        for name in ["m1", "m2"] { try harness.startUpstream(name) }
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"])
        await edge.apply(EdgeProxyHarness.table([(
            "web", EdgeProxyHarness.service(ports: [Self.http80]), [harness.target("m1"), harness.target("m2")]
        )]))
        for _ in 0..<4 {
            let result = EdgeProxyHarness.curl(["-d", "payload", "http://127.0.0.1:\(ports[80] ?? 0)/replay?to=m2"])
            #expect(result.status == 200)
            #expect(result.machine == "m2")
            #expect(result.json["body"] as? String == "payload")
            #expect(result.headers["fly-replay"] == nil)
        }
        await edge.stop()
    }
}
