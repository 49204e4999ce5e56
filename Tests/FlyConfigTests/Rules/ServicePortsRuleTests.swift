import Testing
@testable import FlyConfig

@Suite struct ServicePortsRuleTests {
    @Test func warnsAboutServicesWithoutPorts() {
        let config = makeConfig {
            $0.httpService = makeHTTPService()
            $0.services = [makeService(), makeService(ports: [])]
        }
        let d = ServicePortsRule().run(config)
        #expect(d.codes == ["HG220"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.message.hasPrefix("Service must expose at least one port. Add a [[services.ports]] section") == true)
        #expect(d.first?.path == "services[1]")
    }

    @Test func silentWhenEveryServiceHasPorts() {
        #expect(ServicePortsRule().run(makeConfig { $0.services = [makeService()] }).isEmpty)
    }
}
