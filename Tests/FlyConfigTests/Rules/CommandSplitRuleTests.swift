import Testing
@testable import FlyConfig

@Suite struct CommandSplitRuleTests {
    @Test func acceptsCommandsThatSplit() {
        let config = makeConfig {
            var deploy = Deploy()
            deploy.releaseCommand = "bin/rails db:migrate"
            $0.deploy = deploy
            $0.processes = ["web": "sh -c 'exec server --port 8080'", "worker": ""]
            $0.consoleCommand = "/bin/bash"
        }
        #expect(CommandSplitRule().run(config).isEmpty)
    }

    @Test func rejectsReleaseCommandWithOpenQuote() {
        let config = makeConfig {
            var deploy = Deploy()
            deploy.releaseCommand = "sh -c 'migrate"
            $0.deploy = deploy
        }
        let d = CommandSplitRule().run(config)
        #expect(d.codes == ["HG201"])
        #expect(d.first?.severity == .error)
        #expect(d.first?.message == "Can't shell split release command: 'sh -c 'migrate'")
        #expect(d.first?.path == "deploy.release_command")
        #expect(d.first?.hint?.contains("quote") == true)
    }

    @Test func rejectsProcessCommandWithTrailingBackslash() {
        let config = makeConfig { $0.processes = ["web": "server \\", "ok": "run"] }
        let d = CommandSplitRule().run(config)
        #expect(d.codes == ["HG209"])
        #expect(d.first?.message
            == "Could not parse command for 'web' process group; check [processes] section: EOF found after escape character")
        #expect(d.first?.path == "processes.web")
        #expect(d.first?.severity == .error)
    }

    @Test func rejectsConsoleCommand() {
        let config = makeConfig { $0.consoleCommand = "rails \"console" }
        let d = CommandSplitRule().run(config)
        #expect(d.codes == ["HG210"])
        #expect(d.first?.message == "Can't shell split console command: 'rails \"console'")
        #expect(d.first?.path == "console_command")
    }
}
