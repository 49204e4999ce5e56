import Testing
@testable import FlyConfig

@Suite struct TopLevelCheckRuleTests {
    @Test func acceptsValidChecks() {
        let config = makeConfig {
            var check = makeCheck("tcp")
            check.interval = .seconds(2)
            check.timeout = .seconds(60)
            $0.checks = ["alive": check, "status": makeCheck("http")]
        }
        #expect(TopLevelCheckRule().run(config).isEmpty)
    }

    @Test func rejectsMissingAndInvalidType() {
        let config = makeConfig { $0.checks = ["health": makeCheck(nil), "other": makeCheck("HTTP")] }
        let d = TopLevelCheckRule().run(config)
        #expect(d.codes == ["HG204", "HG204"])
        #expect(d.allSatisfy { $0.severity == .error })
        #expect(d.first?.message
            == "Can't process top level check 'health': Missing or invalid check type, must be 'http' or 'tcp'")
        #expect(d.paths == ["checks.health", "checks.other.type"])
        #expect(d.last?.hint?.contains("lowercase") == true)
    }

    @Test func rejectsShortIntervalAndLongTimeout() {
        let config = makeConfig {
            var check = makeCheck("http")
            check.interval = .milliseconds(1500)
            check.timeout = .seconds(61)
            $0.checks = ["status": check]
        }
        let d = TopLevelCheckRule().run(config)
        #expect(d.codes == ["HG205", "HG206"])
        #expect(d[0].message == "Check 'status' interval is too short: 1.5s, minimum is 2 seconds")
        #expect(d[0].path == "checks.status.interval")
        #expect(d[1].message == "Check 'status' timeout is too long: 1m1s, maximum is 60 seconds")
        #expect(d[1].path == "checks.status.timeout")
    }
}
