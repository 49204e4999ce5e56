import Testing
@testable import FlyConfig

@Suite struct ServiceProcessesRuleTests {
    @Test func acceptsServicesWithoutGroups() {
        let config = makeConfig {
            $0.httpService = makeHTTPService()
            $0.services = [makeService()]
        }
        #expect(ServiceProcessesRule().run(config).isEmpty)
    }

    @Test func rejectsServiceWithoutProcessesWhenGroupsExist() {
        let config = makeConfig {
            $0.processes = ["app": "", "foo": "", "success": ""]
            $0.services = [makeService(ports: []), makeService(processes: ["success"])]
        }
        let d = ServiceProcessesRule().run(config)
        #expect(d.codes == ["HG207"])
        #expect(d.first?.severity == .error)
        #expect(d.first?.message
            == "Service has no processes set but app has 3 processes defined; update fly.toml to set processes for each service")
        #expect(d.first?.path == "services[0]")
    }

    @Test func coversHTTPService() {
        let config = makeConfig {
            $0.processes = ["web": "serve"]
            $0.httpService = makeHTTPService()
        }
        let d = ServiceProcessesRule().run(config)
        #expect(d.codes == ["HG207"])
        #expect(d.first?.path == "http_service")
    }

    @Test func rejectsUndefinedGroups() {
        let config = makeConfig {
            $0.processes = ["web": "serve", "worker": "work"]
            $0.services = [makeService(processes: ["web", "wrker"])]
        }
        let d = ServiceProcessesRule().run(config)
        #expect(d.codes == ["HG208"])
        #expect(d.first?.message.hasPrefix("Service specifies 'wrker' as one of its processes, but no processes are defined with that name") == true)
        #expect(d.first?.path == "services[0].processes")
        #expect(d.first?.hint?.contains("did you mean 'worker'") == true)
    }

    @Test func withoutProcessesOnlyAppIsDefined() {
        let config = makeConfig { $0.services = [makeService(processes: ["app"]), makeService(processes: ["web"])] }
        let d = ServiceProcessesRule().run(config)
        #expect(d.codes == ["HG208"])
        #expect(d.first?.path == "services[1].processes")
    }

    @Test func perGroupViewKeepsOnlyThatGroupsServices() {
        let config = makeConfig {
            $0.processes = ["app": "", "foo": "", "success": ""]
            $0.services = [makeService(ports: []), makeService(processes: ["success"])]
        }
        #expect(ServiceProcessesRule().run(config, group: "success").isEmpty)
    }
}
