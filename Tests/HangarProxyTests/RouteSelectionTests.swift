import HangarCore
import HangarProxy
import Testing

struct RouteSelectionTests {
    static func routes(_ group: String, ports: [PortSpec]) -> ServiceRoutes {
        let service = ServiceSpec(
            protocol: "tcp", internalPort: 8080, ports: ports, concurrency: ConcurrencySpec(), autoStop: .off,
            autoStart: true, minMachinesRunning: 0, checks: [], source: "http_service")
        let target = Target(machineID: "0123456789abcd", group: group, version: "1", host: "169.254.0.2", port: 8080, state: .ready)
        return ServiceRoutes(group: group, service: service, targets: [target])
    }

    @Test func aPortMatchesSinglePortsAndRanges() {
        let table = RoutingTable(apps: [
            AppRoutes(app: "b", services: [Self.routes("web", ports: [PortSpec(start: 80, end: 80, handlers: ["http"])])]),
            AppRoutes(app: "a", services: [Self.routes("tcp", ports: [PortSpec(start: 9000, end: 9010, handlers: [])])]),
        ])
        #expect(table.apps.map(\.app) == ["a", "b"])
        #expect(RouteSelection.services(on: 80, in: table).map(\.app) == ["b"])
        #expect(RouteSelection.services(on: 9005, in: table).map(\.routes.group) == ["tcp"])
        #expect(RouteSelection.services(on: 9011, in: table).isEmpty)
        #expect(table.app("b")?.services.first?.ready.count == 1)
    }
}
