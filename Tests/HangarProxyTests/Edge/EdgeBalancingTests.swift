import Foundation
import HangarCore
import HangarProxy
import Testing

@Suite(.serialized) struct EdgeBalancingTests {
    static let http80 = PortSpec(start: 80, end: 80, handlers: ["http"])

    /// Runs `count` curls at once and returns their results.
    static func concurrently(_ count: Int, _ arguments: [String]) async -> [EdgeProxyHarness.CurlResult] {
        await withTaskGroup(of: EdgeProxyHarness.CurlResult.self) { group in
            for _ in 0..<count { group.addTask { await EdgeProxyHarness.curlOnThread(arguments) } }
            var results: [EdgeProxyHarness.CurlResult] = []
            for await result in group { results.append(result) }
            return results
        }
    }

    @Test func hardLimitSpreadsRequestsOverEveryMachine() async throws {
        let harness = try EdgeProxyHarness()
        for name in ["m1", "m2", "m3"] { try harness.startUpstream(name) }
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"])
        let service = EdgeProxyHarness.service(
            ports: [Self.http80], concurrency: ConcurrencySpec(kind: .requests, softLimit: 1, hardLimit: 1))
        await edge.apply(EdgeProxyHarness.table([("web", service, ["m1", "m2", "m3"].map { harness.target($0) })]))
        let results = await Self.concurrently(3, ["http://127.0.0.1:\(ports[80] ?? 0)/sleep?s=1"])
        #expect(results.allSatisfy { $0.status == 200 })
        #expect(Set(results.compactMap(\.machine)) == ["m1", "m2", "m3"])
        await edge.stop()
    }

    @Test func overCapacityQueuesThenAnswers503() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"]) { $0.queueTimeout = .milliseconds(1500) }
        let service = EdgeProxyHarness.service(
            ports: [Self.http80], concurrency: ConcurrencySpec(kind: .requests, softLimit: 1, hardLimit: 1),
            autoStart: false)
        await edge.apply(EdgeProxyHarness.table([("web", service, [harness.target("m1")])]))
        // Four 1 s requests on one slot: the second queues and is served, the last ones wait past
        // the bounded queue and get 503.
        let results = await Self.concurrently(4, ["http://127.0.0.1:\(ports[80] ?? 0)/sleep?s=1"])
        let statuses = results.map(\.status).sorted()
        #expect(statuses.filter { $0 == 200 }.count >= 2)
        #expect(statuses.contains(503))
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 })
        await edge.stop()
    }

    @Test func loadIsReportedPerMachine() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"])
        let service = EdgeProxyHarness.service(ports: [Self.http80], concurrency: ConcurrencySpec(kind: .requests))
        await edge.apply(EdgeProxyHarness.table([("web", service, [harness.target("m1")])]))
        async let slow = Self.concurrently(2, ["http://127.0.0.1:\(ports[80] ?? 0)/sleep?s=1"])
        var sawLoad = false
        for _ in 0..<50 where !sawLoad {
            try await Task.sleep(for: .milliseconds(50))
            sawLoad = await harness.sink.reports.contains { $0.app == "web" && $0.inFlight["m1"] == 2 }
        }
        _ = await slow
        #expect(sawLoad)
        var drained = false
        for _ in 0..<50 where !drained {
            try await Task.sleep(for: .milliseconds(50))
            drained = await harness.sink.reports.last { $0.app == "web" }?.inFlight.isEmpty == true
        }
        #expect(drained)
        await edge.stop()
    }

    @Test func noReadyMachineAsksTheRuntimeToWakeOne() async throws {
        let harness = try EdgeProxyHarness()
        try harness.startUpstream("m1")
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"])
        let service = EdgeProxyHarness.service(ports: [Self.http80])
        let stopped = EdgeProxyHarness.table([("web", service, [harness.target("m1", state: .stopped)])])
        let started = EdgeProxyHarness.table([("web", service, [harness.target("m1")])])
        await harness.sink.setOnWake { _ in
            await edge.apply(started)
            return true
        }
        await edge.apply(stopped)
        let result = EdgeProxyHarness.curl(["http://127.0.0.1:\(ports[80] ?? 0)/"])
        #expect(result.status == 200)
        #expect(result.machine == "m1")
        #expect(await harness.sink.wakes == [WakeRequest(app: "web", group: "web", internalPort: 8080)])
        await edge.stop()
    }

    @Test func aKilledMachineUnderAStreamOfGETsCostsNoClientAnError() async throws {
        let harness = try EdgeProxyHarness()
        for name in ["m1", "m2"] { try harness.startUpstream(name) }
        let (edge, ports) = harness.proxy(publicPorts: [80], apps: ["web"])
        await edge.apply(EdgeProxyHarness.table([(
            "web", EdgeProxyHarness.service(ports: [Self.http80], concurrency: ConcurrencySpec(kind: .requests)),
            [harness.target("m1"), harness.target("m2")]
        )]))
        let url = "http://127.0.0.1:\(ports[80] ?? 0)/"
        var statuses: [Int] = []
        for index in 0..<60 {
            if index == 20 { harness.killUpstream("m1") }
            statuses.append(EdgeProxyHarness.curl([url]).status)
        }
        #expect(statuses.allSatisfy { $0 == 200 })
        await edge.stop()
    }
}
