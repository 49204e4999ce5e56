import FlyConfig
import Foundation
import HangarCore
import HangarProxy
import Testing

/// The edge reports what it serves: request counts by status class, latency, bytes and machine load
/// through `ProxyMetrics`, and one access log line per request through `AccessLog`.
@Suite(.serialized) struct EdgeObservabilityTests {
    static let labels = [("app", "web"), ("service", "http_service")]

    static func edge(
        _ harness: EdgeProxyHarness, ports publicPorts: [Int], factory: ProxyMetricsRecordingFactory, sink: AccessLogTestSink,
        queueTimeout: Duration = .seconds(5)
    ) -> (EdgeProxy, [Int: Int], AccessLog) {
        var mapping: [Int: Int] = [:]
        for port in publicPorts { mapping[port] = EdgeProxyHarness.freePort() }
        var options = ProxyOptions(bindHost: "127.0.0.1", portMap: ["web": mapping])
        options.threads = 2
        options.queueTimeout = queueTimeout
        let accessLog = AccessLog(sink: sink, flushInterval: .milliseconds(20))
        let edge = EdgeProxy(
            options: options, demand: harness.sink, metrics: ProxyMetrics(factory: factory), accessLog: accessLog)
        return (edge, mapping, accessLog)
    }

    @Test func httpRequestsAreCountedAndLogged() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        let factory = ProxyMetricsRecordingFactory()
        let sink = AccessLogTestSink()
        let (edge, ports, accessLog) = Self.edge(harness, ports: [80], factory: factory, sink: sink)
        let service = EdgeProxyHarness.service(ports: [EdgeProxyTests.http80])
        await edge.apply(EdgeProxyHarness.table([("web", service, [harness.target("m1")])]))
        let local = try #require(ports[80])
        var requestIDs: [String] = []
        for _ in 0..<3 {
            let result = EdgeProxyHarness.curl(["--data", "12345", "http://web.localhost:\(local)/count"])
            #expect(result.status == 200)
            requestIDs.append(result.headers["fly-request-id"] ?? "")
        }
        accessLog.flush()
        #expect(factory.last(ProxyMetrics.requestsLabel, Self.labels + [("status", "2xx")]) == 3)
        #expect(factory.all(ProxyMetrics.durationLabel, Self.labels).count == 3)
        #expect(factory.last(ProxyMetrics.receivedLabel, Self.labels) == 15)
        #expect((factory.last(ProxyMetrics.sentLabel, Self.labels) ?? 0) > 0)
        #expect(factory.last(ProxyMetrics.inFlightLabel, Self.labels) == 0)
        #expect((factory.last(ProxyMetrics.connectionsLabel, Self.labels) ?? 0) == 3)
        let machine = Self.labels + [("machine", "m1")]
        #expect(factory.all(ProxyMetrics.machineLabel, machine).contains(1))
        #expect(factory.last(ProxyMetrics.machineLabel, machine) == 0)

        let lines = sink.entries
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.app == "web" && $0.machineID == "m1" && $0.level == .info })
        #expect(lines.first?.message.hasPrefix("POST /count 200 ") == true, "\(lines)")
        for id in requestIDs { #expect(lines.contains { $0.message.contains("request.id=\"\(id)\"") }, "\(id)") }
        #expect(lines.allSatisfy { $0.message.contains("host=\"web.localhost:\(local)\"") && $0.message.contains("request.bytes=5") })
        accessLog.shutdown()
        await edge.stop()
    }

    @Test func theProxysOwnAnswersAreCountedWithTheirStatusClass() async throws {
        let harness = try EdgeProxyHarness()
        let factory = ProxyMetricsRecordingFactory()
        let sink = AccessLogTestSink()
        let (edge, ports, accessLog) = Self.edge(
            harness, ports: [80, 81], factory: factory, sink: sink, queueTimeout: .milliseconds(200))
        var redirecting = PortSpec(start: 81, end: 81, handlers: ["http"])
        redirecting.forceHTTPS = true
        // The only machine cannot be reached, and no other has room: the proxy answers 503 itself.
        let service = EdgeProxyHarness.service(ports: [EdgeProxyTests.http80, redirecting])
        let dead = Target(machineID: "gone", group: "web", version: "1", host: "127.0.0.1", port: EdgeProxyHarness.freePort(), state: .ready)
        await edge.apply(EdgeProxyHarness.table([("web", service, [dead])]))
        let redirect = EdgeProxyHarness.curl(["http://web.localhost:\(ports[81] ?? 0)/"])
        #expect(redirect.status == 301)
        let failed = EdgeProxyHarness.curl(["http://web.localhost:\(ports[80] ?? 0)/"])
        #expect(failed.status == 503)
        accessLog.flush()
        #expect(factory.last(ProxyMetrics.requestsLabel, Self.labels + [("status", "3xx")]) == 1)
        #expect(factory.last(ProxyMetrics.requestsLabel, Self.labels + [("status", "5xx")]) == 1)
        let errorLine = sink.entries.first { $0.message.contains(" 503 ") }
        #expect(errorLine?.level == .error)
        #expect(errorLine?.message.contains("error.code=\"PR04\"") == true, "\(sink.entries)")
        accessLog.shutdown()
        await edge.stop()
    }

    @Test func rawTCPConnectionsAndTheirBytesAreCounted() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("t1", raw: true)
        let factory = ProxyMetricsRecordingFactory()
        let sink = AccessLogTestSink()
        let (edge, ports, accessLog) = Self.edge(harness, ports: [5000], factory: factory, sink: sink)
        let service = EdgeProxyHarness.service(ports: [PortSpec(start: 5000, end: 5000, handlers: [])])
        await edge.apply(EdgeProxyHarness.table([("web", service, [harness.target("t1")])]))
        let answer = EdgeProxyHarness.rawExchange(port: ports[5000] ?? 0, send: Array("ping".utf8), timeout: 1)
        #expect(answer == "t1:ping")
        #expect(factory.last(ProxyMetrics.connectionsLabel, Self.labels) == 1)
        #expect(factory.last(ProxyMetrics.receivedLabel, Self.labels) == 4)
        #expect(factory.last(ProxyMetrics.sentLabel, Self.labels) == 7)
        var open = factory.last(ProxyMetrics.openConnectionsLabel, Self.labels)
        for _ in 0..<100 where open != 0 {
            try await Task.sleep(for: .milliseconds(20))
            open = factory.last(ProxyMetrics.openConnectionsLabel, Self.labels)
        }
        #expect(open == 0)
        accessLog.shutdown()
        await edge.stop()
    }
}
