import Testing
@testable import FlyConfig

@Suite struct CheckPortRuleTests {
    @Test func portFromHTTPServiceIsEnough() {
        let config = makeConfig {
            $0.httpService = makeHTTPService()
            $0.checks = ["alive": makeCheck("tcp", port: nil)]
        }
        #expect(CheckPortRule().run(config).isEmpty)
    }

    @Test func rejectsCheckWithoutPortOrHTTPService() {
        let config = makeConfig {
            $0.services = [makeService(internalPort: 9000)]
            $0.checks = ["alive": makeCheck("tcp", port: nil)]
        }
        let d = CheckPortRule().run(config)
        #expect(d.codes == ["HG303"])
        #expect(d.first?.severity == .error)
        #expect(d.first?.message
            == "Check 'alive' for process group 'app' has no port set and the group has no http_service to take it from")
        #expect(d.first?.path == "checks.alive")
        #expect(d.first?.hint?.contains("port = 9000") == true)
    }

    @Test func checksEachGroupTheCheckAppliesTo() {
        let config = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.httpService = makeHTTPService(processes: ["web"])
            $0.checks = ["alive": makeCheck("tcp", port: nil, processes: ["web", "worker"])]
        }
        let d = CheckPortRule().run(config)
        #expect(d.map(\.message) == [
            "Check 'alive' for process group 'worker' has no port set and the group has no http_service to take it from"
        ])
        #expect(CheckPortRule().run(config, group: "web").isEmpty)
        #expect(CheckPortRule().run(config, group: "worker").codes == ["HG303"])
    }
}
