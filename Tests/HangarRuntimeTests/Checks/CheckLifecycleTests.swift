import Testing
import HangarCore
@testable import HangarRuntime

@Suite struct CheckLifecycleTests {
    @Test func failuresWithinGraceAreWarningUntilTheFirstPass() {
        var lifecycle = CheckLifecycle(interval: .seconds(15), gracePeriod: .seconds(5))
        let first = lifecycle.record(succeeded: false, probeStartedAt: .zero)
        #expect(first.status == .warning)
        #expect(first.nextProbe == .seconds(5), "the verdict lands when the grace period ends")
        let atGraceEnd = lifecycle.record(succeeded: false, probeStartedAt: .seconds(5))
        #expect(atGraceEnd.status == .critical)
        #expect(atGraceEnd.nextProbe == .seconds(20))
        let pass = lifecycle.record(succeeded: true, probeStartedAt: .seconds(20))
        #expect(pass.status == .passing)
        #expect(lifecycle.hasPassed)
    }

    @Test func aFailureAfterPassingIsCriticalEvenWithinGrace() {
        var lifecycle = CheckLifecycle(interval: .seconds(1), gracePeriod: .seconds(60))
        #expect(lifecycle.record(succeeded: true, probeStartedAt: .zero).status == .passing)
        let fail = lifecycle.record(succeeded: false, probeStartedAt: .seconds(1))
        #expect(fail.status == .critical)
        #expect(fail.nextProbe == .seconds(2), "no grace-end probe once passed")
    }

    @Test func withoutGraceEveryFailureIsCritical() {
        var lifecycle = CheckLifecycle(interval: .seconds(10), gracePeriod: .zero)
        let result = lifecycle.record(succeeded: false, probeStartedAt: .zero)
        #expect(result.status == .critical)
        #expect(result.nextProbe == .seconds(10))
    }

    @Test func startupIntervalOnlyAppliesBeforeTheFirstPass() {
        var lifecycle = CheckLifecycle(interval: .seconds(15), gracePeriod: .zero, startupInterval: .seconds(1))
        #expect(lifecycle.record(succeeded: false, probeStartedAt: .zero).nextProbe == .seconds(1))
        #expect(lifecycle.record(succeeded: true, probeStartedAt: .seconds(1)).nextProbe == .seconds(16))
        #expect(lifecycle.record(succeeded: false, probeStartedAt: .seconds(16)).nextProbe == .seconds(31))
    }

    @Test func nonPositiveDurationsFallBackToDefaults() {
        let spec = CheckSpec(name: "c", kind: .tcp, origin: .service, port: 1,
                             interval: .seconds(0), timeout: .milliseconds(-5), gracePeriod: .seconds(-1))
        #expect(CheckTiming.interval(spec) == .seconds(15))
        #expect(CheckTiming.timeout(spec) == .seconds(2))
        #expect(CheckTiming.gracePeriod(spec) == .zero)
    }
}
