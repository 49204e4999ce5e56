import Testing
@testable import FlyConfig

@Suite struct ServiceDefinitionRuleTests {
    private func run(_ service: Service) -> [Diagnostic] {
        ServiceDefinitionRule().run(makeConfig { $0.services = [service] })
    }

    @Test func acceptsAnOrdinaryService() {
        #expect(run(makeService(ports: [80, 443])).isEmpty)
        var udp = makeService("udp", internalPort: 5000, ports: [])
        udp.ports = [ServicePort(port: 5000, handlers: [])]
        #expect(run(udp).isEmpty)
        var range = makeService(ports: [])
        var entry = ServicePort()
        entry.startPort = 10000
        entry.endPort = 10100
        range.ports = [entry]
        #expect(run(range).isEmpty)
    }

    @Test func warnsAboutProtocol() {
        let missing = run(makeService(nil))
        #expect(missing.codes == ["HG307"])
        #expect(missing.first?.severity == .warning)
        #expect(missing.first?.path == "services[0]")
        let http = run(makeService("http"))
        #expect(http.first?.path == "services[0].protocol")
        #expect(http.first?.hint?.contains("handlers") == true)
    }

    @Test func rejectsImpossiblePorts() {
        var service = makeService(ports: [0, 70000])
        var reversed = ServicePort()
        reversed.startPort = 200
        reversed.endPort = 100
        service.ports? += [reversed, ServicePort()]
        let d = run(service)
        #expect(d.errors.paths == [
            "services[0].ports[0].port", "services[0].ports[1].port", "services[0].ports[2].start_port",
            "services[0].ports[3]",
        ])
        #expect(d.errors.map(\.message) == [
            "port 0 is outside 1-65535", "port 70000 is outside 1-65535", "port range 200-100 starts after it ends",
            "port entry has neither port nor start_port/end_port",
        ])
    }

    @Test func warnsAboutHalfRangesAndPortPlusRange() {
        var service = makeService(ports: [])
        var half = ServicePort()
        half.startPort = 100
        var both = ServicePort(port: 80, handlers: ["http"])
        both.startPort = 100
        both.endPort = 200
        service.ports = [half, both]
        let d = run(service)
        #expect(d.allSatisfy { $0.severity == .warning })
        #expect(d.paths == ["services[0].ports[0].start_port", "services[0].ports[1].port"])
    }

    @Test func internalPort() {
        let missing = run(makeService(internalPort: nil))
        #expect(missing.codes == ["HG307"])
        #expect(missing.first?.severity == .warning)
        #expect(missing.first?.path == "services[0]")
        let outside = run(makeService(internalPort: 70000))
        #expect(outside.first?.severity == .error)
        #expect(outside.first?.path == "services[0].internal_port")
        // No ports: nothing to route, so no complaint about internal_port here (HG220 covers it).
        #expect(run(makeService(internalPort: nil, ports: [])).isEmpty)
    }

    @Test func warnsAboutHandlers() {
        var service = makeService(ports: [])
        service.ports = [ServicePort(port: 443, handlers: ["tls", "https", "HTTP"])]
        let d = run(service)
        #expect(d.paths == ["services[0].ports[0].handlers[1]", "services[0].ports[0].handlers[2]"])
        #expect(d[0].hint == "HTTPS is handlers = [\"tls\", \"http\"]")
        #expect(d[1].hint?.hasPrefix("did you mean \"http\"") == true)
        var udp = makeService("udp", ports: [])
        udp.ports = [ServicePort(port: 53, handlers: ["http"])]
        #expect(run(udp).map(\.message) == ["handlers on a udp service have no effect"])
    }

    @Test func httpServiceWithoutInternalPort() {
        let d = ServiceDefinitionRule().run(makeConfig { $0.httpService = makeHTTPService(internalPort: nil) })
        #expect(d.codes == ["HG307"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.path == "http_service")
        #expect(ServiceDefinitionRule().run(makeConfig { $0.httpService = makeHTTPService() }).isEmpty)
    }
}
