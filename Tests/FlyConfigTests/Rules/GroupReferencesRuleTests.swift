import Testing
@testable import FlyConfig

@Suite struct GroupReferencesRuleTests {
    @Test func acceptsDefinedGroups() {
        let config = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.checks = ["alive": makeCheck(processes: ["web"])]
            $0.vm = [makeVM { $0.processes = ["worker"] }]
            $0.metrics = [Metrics(port: 9091, path: "/metrics", processes: ["web", "worker"])]
        }
        #expect(GroupReferencesRule().run(config).isEmpty)
    }

    @Test func warnsAboutUndefinedGroups() {
        var file = File()
        file.guestPath = "/a"
        file.processes = ["app"]
        let config = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.checks = ["alive": makeCheck(processes: ["wbe"])]
            $0.vm = [makeVM { $0.processes = ["app"] }]
            $0.metrics = [Metrics(port: 9091, processes: ["jobs"])]
            $0.files = [file]
        }
        let d = GroupReferencesRule().run(config)
        #expect(d.paths == ["checks.alive.processes", "vm[0].processes", "metrics[0].processes", "files[0].processes"])
        #expect(d.allSatisfy { $0.severity == .warning && $0.code == "HG313" })
        #expect(d[0].message == "processes lists 'wbe', which is not a defined process group; this entry matches no machine for it")
        #expect(d[0].hint?.contains("did you mean 'web'") == true)
    }

    @Test func withoutProcessesOnlyAppExists() {
        let config = makeConfig { $0.vm = [makeVM { $0.processes = ["web"] }] }
        let d = GroupReferencesRule().run(config)
        #expect(d.codes == ["HG313"])
        #expect(d.first?.hint?.contains("only group is 'app'") == true)
    }
}
