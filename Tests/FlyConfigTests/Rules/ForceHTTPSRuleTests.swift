import Testing
@testable import FlyConfig

@Suite struct ForceHTTPSRuleTests {
    @Test func warnsWithoutHTTPHandler() {
        var service = makeService(ports: [])
        var tls = ServicePort(port: 443, handlers: ["tls"])
        tls.forceHTTPS = true
        var http = ServicePort(port: 80, handlers: ["http"])
        http.forceHTTPS = true
        service.ports = [http, tls]
        let d = ForceHTTPSRule().run(makeConfig { $0.services = [service] })
        #expect(d.codes == ["HG406"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.path == "services[0].ports[1].force_https")
    }
}
