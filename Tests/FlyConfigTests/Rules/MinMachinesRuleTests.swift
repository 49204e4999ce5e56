import Testing
@testable import FlyConfig

@Suite struct MinMachinesRuleTests {
    @Test func warnsAboutNegative() {
        var http = makeHTTPService()
        http.minMachinesRunning = -1
        var service = makeService()
        service.minMachinesRunning = 1
        let d = MinMachinesRule().run(makeConfig {
            $0.httpService = http
            $0.services = [service]
        })
        #expect(d.codes == ["HG315"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.path == "http_service.min_machines_running")
        #expect(d.first?.message == "min_machines_running is negative (-1)")
    }
}
