import HangarCore
import Testing
@testable import HangarRuntime

/// Peak load per machine between autostop passes.
@Suite struct IdleControllerTests {
    @Test func keepsThePeakOfThePassAndCarriesCurrentWorkOver() {
        let start = ContinuousClock.now
        var controller = IdleController(now: start)
        controller.observe(LoadReport(app: "a", inFlight: ["m1": 2, "m2": 0]))
        controller.observe(LoadReport(app: "a", inFlight: ["m1": 0]))
        let next = start.advanced(by: .seconds(1))
        let window = controller.closeWindow(now: next, current: [LoadReport(app: "a", inFlight: ["m3": 1])])
        #expect(window.start == start)
        #expect(window.peak("m1") == 2)
        #expect(window.peak("m2") == 0)
        #expect(window.peak("never-reported") == 0)
        // The next window starts with the work in flight now.
        let second = controller.closeWindow(now: next.advanced(by: .seconds(1)), current: [])
        #expect(second.start == next)
        #expect(second.peak("m3") == 1)
        #expect(second.peak("m1") == 0)
    }
}
