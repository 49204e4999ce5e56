import Testing
@testable import FlyConfig

@Suite struct RestartDefaultGroupRuleTests {
    @Test func notesProcessesLessRestartWithSeveralGroups() {
        let config = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.restart = [Restart(policy: "always"), Restart(policy: "never", processes: ["worker"])]
        }
        let d = RestartDefaultGroupRule().run(config)
        #expect(d.codes == ["HG408"])
        #expect(d.first?.severity == .info)
        #expect(d.first?.path == "restart[0]")
        #expect(d.first?.message.contains("only to the default group 'web'") == true)
        #expect(d.first?.hint == "list the groups it is meant for: processes = [\"web\", \"worker\"]")
    }

    @Test func silentWithOneGroup() {
        #expect(RestartDefaultGroupRule().run(makeConfig { $0.restart = [Restart(policy: "always")] }).isEmpty)
    }
}
