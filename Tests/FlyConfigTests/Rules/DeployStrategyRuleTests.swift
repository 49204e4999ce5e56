import Testing
@testable import FlyConfig

@Suite struct DeployStrategyRuleTests {
    private func run(_ strategy: String?) -> [Diagnostic] {
        var config = AppConfig(app: "a")
        var deploy = Deploy()
        deploy.strategy = strategy
        config.deploy = deploy
        return DeployStrategyRule().check(RuleContext(config: config))
    }

    @Test func acceptsSupportedAndEmpty() {
        for s in [nil, "", "rolling", "immediate", "canary", "bluegreen"] {
            #expect(run(s).isEmpty)
        }
    }

    @Test func rejectsOthersWithFlyctlMessage() {
        let d = run("rolling-eyes")
        #expect(d.count == 1)
        #expect(d.first?.severity == .error)
        #expect(d.first?.code == "HG202")
        #expect(d.first?.message.hasPrefix("unsupported deployment strategy 'rolling-eyes'") == true)
        #expect(d.first?.path == "deploy.strategy")
    }

    @Test func hintsAtRetiredStrategies() {
        #expect(run("simple").first?.hint?.contains("immediate") == true)
        #expect(run("Rolling").first?.hint?.contains("lowercase") == true)
    }
}
