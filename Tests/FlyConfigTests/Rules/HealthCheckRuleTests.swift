import Testing
@testable import FlyConfig

@Suite struct HealthCheckRuleTests {
    @Test func warnsAboutServicesWithoutChecks() {
        let d = HealthCheckRule().run(makeConfig {
            $0.httpService = makeHTTPService()
            $0.services = [makeService(internalPort: 9000, ports: [9000])]
        })
        #expect(d.paths == ["http_service", "services[0]"])
        #expect(d.allSatisfy { $0.severity == .warning && $0.code == "HG404" })
        #expect(d[0].message == "[http_service] on port 8080 has no health check")
        #expect(d[0].hint?.contains("[[http_service.checks]]") == true)
        #expect(d[1].hint?.contains("[[services.tcp_checks]]") == true)
    }

    @Test func serviceChecksAndMatchingTopLevelChecksCount() {
        var http = makeHTTPService()
        http.checks = [ServiceHTTPCheck()]
        var service = makeService(internalPort: 9000, ports: [9000])
        service.tcpChecks = [ServiceTCPCheck()]
        #expect(HealthCheckRule().run(makeConfig {
            $0.httpService = http
            $0.services = [service]
        }).isEmpty)
        let topLevel = makeConfig {
            $0.httpService = makeHTTPService()
            $0.checks = ["alive": makeCheck("tcp", port: nil)]
        }
        #expect(HealthCheckRule().run(topLevel).isEmpty)
        let otherPort = makeConfig {
            $0.httpService = makeHTTPService()
            $0.checks = ["metrics": makeCheck("http", port: 9091)]
        }
        #expect(HealthCheckRule().run(otherPort).codes == ["HG404"])
    }
}
