import Testing
@testable import FlyConfig

@Suite struct MaxUnavailableRuleTests {
    private func run(_ strategy: String?, _ value: Double?) -> [Diagnostic] {
        MaxUnavailableRule().run(makeConfig {
            var deploy = Deploy()
            deploy.strategy = strategy
            deploy.maxUnavailable = value
            $0.deploy = deploy
        })
    }

    @Test func acceptsRollingAndCanary() {
        #expect(run("rolling", 0.5).isEmpty)
        #expect(run("canary", 2).isEmpty)
        #expect(run("immediate", nil).isEmpty)
    }

    @Test func warnsForOtherStrategiesLikeFlyctl() {
        let d = run("bluegreen", 1)
        #expect(d.codes == ["HG223"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.message == "max-unavailable set for non-rolling strategy 'bluegreen', ignoring")
        #expect(d.first?.path == "deploy.max_unavailable")
    }

    @Test func warnsForEmptyStrategyAndExplainsTheQuirk() {
        let d = run(nil, 0.5)
        #expect(d.first?.message == "max-unavailable set for non-rolling strategy '', ignoring")
        #expect(d.first?.hint?.contains("does use this value") == true)
    }

    @Test func warnsAboutNonPositive() {
        #expect(run("rolling", 0).first?.message.hasPrefix("max_unavailable is 0") == true)
    }
}
