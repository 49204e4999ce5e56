import Testing
@testable import FlyConfig

@Suite struct DurationSanityRuleTests {
    @Test func acceptsOrdinaryDurations() {
        let config = makeConfig {
            $0.killTimeout = .seconds(300)
            var deploy = Deploy()
            deploy.waitTimeout = .seconds(600)
            $0.deploy = deploy
        }
        #expect(DurationSanityRule().run(config).isEmpty)
    }

    @Test func warnsAboutLongKillTimeout() {
        let d = DurationSanityRule().run(makeConfig { $0.killTimeout = .seconds(600) })
        #expect(d.codes == ["HG305"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.message.hasPrefix("kill_timeout is 10m0s") == true)
        #expect(d.first?.path == "kill_timeout")
    }

    @Test func warnsAboutBareNumbersReadAsNanoseconds() {
        var check = ServiceHTTPCheck()
        check.interval = FlyDuration(nanoseconds: 10)
        var http = makeHTTPService()
        http.checks = [check]
        let config = makeConfig {
            var deploy = Deploy()
            deploy.waitTimeout = FlyDuration(nanoseconds: 300)
            $0.deploy = deploy
            $0.httpService = http
        }
        let d = DurationSanityRule().run(config)
        #expect(d.paths == ["deploy.wait_timeout", "http_service.checks[0].interval"])
        #expect(d.first?.message == "deploy.wait_timeout is 300ns: a bare number here is read as nanoseconds")
        #expect(d.first?.hint?.contains("wait_timeout = \"300s\"") == true)
    }

    @Test func coversMachineChecks() {
        var check = MachineCheck()
        check.killTimeout = FlyDuration(nanoseconds: 5)
        let d = DurationSanityRule().run(makeConfig { $0.machineChecks = [check] })
        #expect(d.paths == ["machine_checks[0].kill_timeout"])
    }
}
