import Testing
@testable import HangarRuntime

/// Fly's excess rule, without processes.
@Suite struct AutostopRuleTests {
    private func idle(_ id: String) -> AutostopRule.Machine {
        AutostopRule.Machine(id: id, peakLoad: 0, observedWholePass: true)
    }

    private func busy(_ id: String, _ load: Int) -> AutostopRule.Machine {
        AutostopRule.Machine(id: id, peakLoad: load, observedWholePass: true)
    }

    @Test func excessIsRunningMinusOverSoftLimitPlusOne() {
        #expect(AutostopRule.excess(running: 3, overSoftLimit: 0) == 2)
        #expect(AutostopRule.excess(running: 3, overSoftLimit: 1) == 1)
        #expect(AutostopRule.excess(running: 3, overSoftLimit: 2) == 0)
        #expect(AutostopRule.excess(running: 3, overSoftLimit: 3) == -1)
        // One machine is never "excess" by the formula; it goes only when idle (see choose).
        #expect(AutostopRule.excess(running: 1, overSoftLimit: 0) == 0)
        #expect(AutostopRule.excess(running: 0, overSoftLimit: 0) == 0)
    }

    @Test func stopsTheNewestIdleMachineWhenThereIsExcess() {
        let chosen = AutostopRule.choose(running: [idle("a"), idle("b"), idle("c")], softLimit: 20, minMachinesRunning: 0)
        #expect(chosen == "c")
    }

    @Test func keepsMinMachinesRunning() {
        #expect(AutostopRule.choose(running: [idle("a")], softLimit: 20, minMachinesRunning: 1) == nil)
        #expect(AutostopRule.choose(running: [idle("a"), idle("b")], softLimit: 20, minMachinesRunning: 2) == nil)
        #expect(AutostopRule.choose(running: [idle("a"), idle("b")], softLimit: 20, minMachinesRunning: 1) == "b")
        // A negative floor (rejected by validation) acts as zero.
        #expect(AutostopRule.choose(running: [idle("a")], softLimit: 20, minMachinesRunning: -1) == "a")
    }

    @Test func aSingleMachineGoesOnlyWithoutLoad() {
        #expect(AutostopRule.choose(running: [idle("a")], softLimit: 20, minMachinesRunning: 0) == "a")
        #expect(AutostopRule.choose(running: [busy("a", 1)], softLimit: 20, minMachinesRunning: 0) == nil)
        #expect(AutostopRule.choose(running: [], softLimit: 20, minMachinesRunning: 0) == nil)
    }

    @Test func aMachineWithLoadIsNeverChosen() {
        // Excess is 1 (no machine at its soft limit), but only an idle machine may go.
        #expect(AutostopRule.choose(running: [busy("a", 1), busy("b", 3)], softLimit: 20, minMachinesRunning: 0) == nil)
        #expect(AutostopRule.choose(running: [idle("a"), busy("b", 3)], softLimit: 20, minMachinesRunning: 0) == "a")
    }

    @Test func machinesAtTheirSoftLimitUseUpTheExcess() {
        // 3 running, 2 at soft limit 5: excess = 3 - (2 + 1) = 0, so the idle one stays.
        let running = [busy("a", 5), busy("b", 7), idle("c")]
        #expect(AutostopRule.choose(running: running, softLimit: 5, minMachinesRunning: 0) == nil)
        // With one at its limit, excess is 1 and the idle one goes.
        #expect(AutostopRule.choose(running: [busy("a", 5), idle("b"), idle("c")], softLimit: 5, minMachinesRunning: 0) == "c")
    }

    @Test func aMachineNotWatchedForTheWholePassStays() {
        let fresh = AutostopRule.Machine(id: "new", peakLoad: 0, observedWholePass: false)
        #expect(!fresh.idle)
        #expect(AutostopRule.choose(running: [fresh], softLimit: 20, minMachinesRunning: 0) == nil)
        #expect(AutostopRule.choose(running: [idle("old"), fresh], softLimit: 20, minMachinesRunning: 0) == "old")
    }
}
