import Testing
@testable import FlyConfig

@Suite struct DurationSanityRuleTests {
    @Test func acceptsUpToFiveMinutes() {
        #expect(DurationSanityRule().run(makeConfig { $0.killTimeout = .seconds(300) }).isEmpty)
        #expect(DurationSanityRule().run(makeConfig { _ in }).isEmpty)
    }

    @Test func warnsAboutLongKillTimeout() {
        let d = DurationSanityRule().run(makeConfig { $0.killTimeout = .seconds(600) })
        #expect(d.codes == ["HG305"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.message == "kill_timeout is 10m0s; the platform waits at most 5m0s before killing the machine")
        #expect(d.first?.path == "kill_timeout")
    }
}
