import Testing
@testable import FlyConfig

@Suite struct ServiceCheckTimingRuleTests {
    @Test func acceptsDurationsWithinBounds() {
        var tcp = ServiceTCPCheck()
        tcp.interval = .seconds(15)
        tcp.timeout = .seconds(2)
        tcp.gracePeriod = FlyDuration(nanoseconds: 0)
        var service = makeService()
        service.tcpChecks = [tcp]
        #expect(ServiceCheckTimingRule().run(makeConfig { $0.services = [service] }).isEmpty)
    }

    @Test func warnsWithFlyctlWording() {
        var tcp = ServiceTCPCheck()
        tcp.interval = .milliseconds(500)
        tcp.timeout = FlyDuration(nanoseconds: 0)
        tcp.gracePeriod = .milliseconds(200)
        var http = ServiceHTTPCheck()
        http.interval = .seconds(90)
        var service = makeService()
        service.tcpChecks = [tcp]
        service.httpChecks = [http]
        let d = ServiceCheckTimingRule().run(makeConfig { $0.services = [service] })
        #expect(d.map(\.message) == [
            "Service TCP check has an interval less than 1 second (500ms); this will be raised to 1 second",
            "Service TCP check has a timeout less than 1 second (0s); this will be raised to 1 second",
            "Service TCP check has a grace period that is non-zero and less than 1 second (200ms); this will be raised to 1 second",
            "Service HTTP check has an interval greater than 1 minute (1m30s); this will be lowered to 1 minute",
        ])
        #expect(d.paths == [
            "services[0].tcp_checks[0].interval", "services[0].tcp_checks[0].timeout",
            "services[0].tcp_checks[0].grace_period", "services[0].http_checks[0].interval",
        ])
        #expect(d.allSatisfy { $0.severity == .warning && $0.code == "HG221" })
    }

    @Test func coversHTTPServiceChecks() {
        var check = ServiceHTTPCheck()
        check.timeout = .seconds(61)
        var http = makeHTTPService()
        http.checks = [check]
        let d = ServiceCheckTimingRule().run(makeConfig { $0.httpService = http })
        #expect(d.codes == ["HG221"])
        #expect(d.first?.path == "http_service.checks[0].timeout")
    }
}
