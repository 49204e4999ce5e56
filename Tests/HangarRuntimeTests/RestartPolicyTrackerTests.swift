import HangarCore
import Testing
@testable import HangarRuntime

@Suite struct RestartPolicyTrackerTests {
    let t0 = ContinuousClock.now
    let crash = ExitInfo.exited(code: 1)

    @Test func neverLeavesTheMachineStopped() {
        var tracker = RestartPolicyTracker(spec: RestartSpec(policy: .never))
        tracker.started(at: t0)
        #expect(tracker.exited(crash, at: t0 + .seconds(1)) == .stop)
        #expect(tracker.exited(.oomKilled, at: t0 + .seconds(2)) == .stop)
    }

    @Test func onFailureStopsAfterSuccessAndRestartsAfterFailure() {
        var tracker = RestartPolicyTracker(spec: RestartSpec())
        #expect(tracker.exited(.exited(code: 0), at: t0) == .stop)
        #expect(tracker.exited(.signaled(signal: 9), at: t0) == .restart(after: .milliseconds(100)))
        #expect(tracker.exited(.execFailed(message: "x: not found"), at: t0) == .restart(after: .milliseconds(200)))
    }

    @Test func backoffDoublesUpToTheCap() {
        var tracker = RestartPolicyTracker(spec: RestartSpec(policy: .always))
        var delays: [Duration] = []
        for i in 0..<12 {
            if case .restart(let delay) = tracker.exited(crash, at: t0 + .milliseconds(i)) { delays.append(delay) }
        }
        #expect(delays.prefix(8) == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                                     .milliseconds(1600), .milliseconds(3200), .milliseconds(6400), .seconds(10)])
        #expect(delays.suffix(4).allSatisfy { $0 == .seconds(10) })
    }

    @Test func onFailureGivesUpAfterTheBudgetWithinTheWindow() {
        var tracker = RestartPolicyTracker(spec: RestartSpec(policy: .onFailure, maxRetries: 10))
        for i in 0..<10 {
            let decision = tracker.exited(crash, at: t0 + .seconds(i))
            guard case .restart = decision else {
                Issue.record("exit \(i) gave \(decision)")
                return
            }
        }
        guard case .giveUp(let reason) = tracker.exited(crash, at: t0 + .seconds(10)) else {
            Issue.record("the 11th failure within 5 minutes must give up")
            return
        }
        #expect(reason.contains("exit code 1"))
        #expect(reason.contains("max_retries 10"))
    }

    @Test func theWindowSlides() {
        var tracker = RestartPolicyTracker(spec: RestartSpec(policy: .onFailure, maxRetries: 2))
        _ = tracker.exited(crash, at: t0)
        _ = tracker.exited(crash, at: t0 + .seconds(1))
        if case .restart = tracker.exited(crash, at: t0 + .seconds(2)) { Issue.record("budget of 2 is spent") }
        // Five minutes after the first two restarts they no longer count.
        guard case .restart = tracker.exited(crash, at: t0 + .seconds(302)) else {
            Issue.record("restarts older than the window must not count")
            return
        }
    }

    @Test func zeroRetriesGivesUpAtOnce() {
        var tracker = RestartPolicyTracker(spec: RestartSpec(policy: .onFailure, maxRetries: 0))
        guard case .giveUp = tracker.exited(crash, at: t0) else {
            Issue.record("max_retries 0 never restarts")
            return
        }
    }

    @Test func alwaysRestartsEvenAfterSuccessWithoutBudget() {
        var tracker = RestartPolicyTracker(spec: RestartSpec(policy: .always, maxRetries: 1))
        for i in 0..<30 {
            guard case .restart = tracker.exited(.exited(code: 0), at: t0 + .seconds(i)) else {
                Issue.record("always must restart (exit \(i))")
                return
            }
        }
    }

    @Test func aStableRunResetsTheBackoff() {
        var tracker = RestartPolicyTracker(spec: RestartSpec(policy: .always))
        tracker.started(at: t0)
        _ = tracker.exited(crash, at: t0 + .seconds(1))
        tracker.started(at: t0 + .seconds(2))
        #expect(tracker.exited(crash, at: t0 + .seconds(3)) == .restart(after: .milliseconds(200)))
        tracker.started(at: t0 + .seconds(4))
        #expect(tracker.exited(crash, at: t0 + .seconds(4) + .seconds(61)) == .restart(after: .milliseconds(100)))
        #expect(tracker.consecutiveFailures == 1)
    }

    @Test func aRequestedStopNeverRestarts() {
        var tracker = RestartPolicyTracker(spec: RestartSpec(policy: .always))
        #expect(tracker.exited(.signaled(signal: 2), at: t0, stopRequested: true) == .stop)
        #expect(tracker.restarts.isEmpty)
    }

    @Test func durationsPrintLikeFlyctl() {
        #expect(Duration.seconds(300).formatted == "5m0s")
        #expect(Duration.milliseconds(300).formatted == "300ms")
        #expect(Duration.seconds(10).formatted == "10s")
    }
}
