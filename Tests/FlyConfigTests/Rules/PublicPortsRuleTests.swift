import Testing
@testable import FlyConfig

@Suite struct PublicPortsRuleTests {
    @Test func warnsWhenAServiceRepeatsHTTPServicePorts() {
        let config = makeConfig {
            $0.httpService = makeHTTPService()
            $0.services = [makeService(ports: [80, 443]), makeService(internalPort: 9000, ports: [9000])]
        }
        let d = PublicPortsRule().run(config)
        #expect(d.paths == ["services[0].ports[0]", "services[0].ports[1]"])
        #expect(d[0].message == "public tcp port 80 is already exposed by http_service in group 'app'")
        #expect(d.allSatisfy { $0.severity == .warning && $0.code == "HG314" })
    }

    @Test func protocolsDoNotClashAndRangesDo() {
        var range = makeService(internalPort: 7000, ports: [])
        var entry = ServicePort()
        entry.startPort = 8000
        entry.endPort = 8100
        range.ports = [entry]
        let config = makeConfig {
            $0.services = [makeService("udp", ports: [443]), makeService(ports: [443]), makeService(ports: [8050]), range]
        }
        let d = PublicPortsRule().run(config)
        #expect(d.paths == ["services[3].ports[0]"])
        #expect(d.first?.message == "public tcp port 8000-8100 is already exposed by services[2] in group 'app'")
    }

    @Test func warnsAcrossGroups() {
        let config = makeConfig {
            $0.processes = ["web": "", "admin": ""]
            $0.services = [makeService(processes: ["web"]), makeService(processes: ["admin"]), makeService(ports: [80], processes: ["web", "admin"])]
        }
        let d = PublicPortsRule().run(config)
        #expect(d.paths == ["services[1].ports[0]"])
        #expect(d.first?.message.contains("for other process groups") == true)
        #expect(PublicPortsRule().run(config, group: "web").isEmpty)
    }

    @Test func perGroupPathsMapBack() {
        let config = makeConfig {
            $0.processes = ["web": "", "admin": ""]
            $0.services = [makeService(processes: ["admin"]), makeService(processes: ["web"]), makeService(processes: ["web"])]
        }
        let d = PublicPortsRule().run(config, group: "web")
        #expect(d.paths == ["services[2].ports[0]"])
        #expect(d.first?.message == "public tcp port 443 is already exposed by services[1] in group 'web'")
    }
}
