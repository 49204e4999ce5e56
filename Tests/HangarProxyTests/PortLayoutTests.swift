import HangarCore
import HangarProxy
import Testing

struct PortLayoutTests {
    static func service(_ ports: [PortSpec]) -> ServiceSpec {
        ServiceSpec(
            protocol: "tcp", internalPort: 8080, ports: ports, concurrency: ConcurrencySpec(), autoStop: .off,
            autoStart: true, minMachinesRunning: 0, checks: [], source: "services[0]")
    }

    static func table(_ apps: [(String, [PortSpec])]) -> RoutingTable {
        RoutingTable(apps: apps.map { AppRoutes(app: $0.0, services: [ServiceRoutes(group: "app", service: service($0.1), targets: [])]) })
    }

    @Test func httpPortsAreSharedAndRangesExpandWithTheOffset() {
        let table = Self.table([
            ("a", [PortSpec(start: 80, end: 80, handlers: ["http"]), PortSpec(start: 9000, end: 9002, handlers: [])]),
            ("b", [PortSpec(start: 80, end: 80, handlers: ["http"])]),
        ])
        let layout = PortLayout(table: table, options: ProxyOptions(portOffset: 10000))
        #expect(layout.conflicts.isEmpty)
        #expect(layout.bindings.keys.sorted() == [10080, 19000, 19001, 19002])
        #expect(layout.bindings[10080]?.claims.map(\.app) == ["a", "b"])
        #expect(layout.bindings[19001]?.claims.first?.publicPort == 9001)
    }

    @Test func aRawPortClaimedTwiceIsAConflictUnlessMapped() {
        let table = Self.table([("a", [PortSpec(start: 5432, end: 5432, handlers: [])])])
        let conflicts = PortLayout.conflicts(
            app: "b", services: [Self.service([PortSpec(start: 5432, end: 5432, handlers: [])])], with: table,
            options: ProxyOptions())
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.description.contains("port 5432") == true)
        let mapped = PortLayout.conflicts(
            app: "b", services: [Self.service([PortSpec(start: 5432, end: 5432, handlers: [])])], with: table,
            options: ProxyOptions(portMap: ["b": [5432: 15432]]))
        #expect(mapped.isEmpty)
        // Updating the same app is no conflict with itself.
        #expect(PortLayout.conflicts(app: "a", services: [Self.service([PortSpec(start: 5432, end: 5432, handlers: [])])], with: table, options: ProxyOptions()).isEmpty)
    }

    @Test func hostsNameApps() {
        #expect(HostRouter.appName(host: "web.localhost:8080", hostnames: [:]) == "web")
        #expect(HostRouter.appName(host: "WWW.web.localhost", hostnames: [:]) == "web")
        #expect(HostRouter.appName(host: "web", hostnames: [:]) == "web")
        #expect(HostRouter.appName(host: "shop.example.com", hostnames: ["shop.example.com": "web"]) == "web")
    }

    @Test func bandsFollowSoftAndHardLimits() {
        let spec = ConcurrencySpec(kind: .requests, softLimit: 2, hardLimit: 4)
        #expect(LoadBalancer.band(load: 1, concurrency: spec) == 0)
        #expect(LoadBalancer.band(load: 2, concurrency: spec) == 1)
        #expect(LoadBalancer.band(load: 4, concurrency: spec) == 2)
        #expect(LoadBalancer.band(load: 1000, concurrency: ConcurrencySpec()) == 1)
    }

    @Test func replayHeadersParse() {
        #expect(FlyReplay(header: "instance=abc;region=ams")?.instance == "abc")
        #expect(FlyReplay(header: "prefer_instance=\"x\"")?.preferInstance == "x")
        #expect(FlyReplay(header: "") == nil)
    }
}
