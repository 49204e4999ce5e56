import Testing
@testable import HangarRuntime

@Suite struct MachineChecksTests {
    @Test func summaryLeavesOutZeroCounts() {
        #expect(MachineChecks.summary([.passing, .passing]) == "2 total, 2 passing")
        #expect(MachineChecks.summary([.passing, .warning, .critical, .critical]) == "4 total, 1 passing, 1 warning, 2 critical")
        #expect(MachineChecks.summary([.critical]) == "1 total, 1 critical")
        #expect(MachineChecks.summary([]) == "")
    }

    @Test func allPassing() {
        #expect(MachineChecks(statuses: [.passing]).allPassing)
        #expect(!MachineChecks(statuses: [.passing, .warning]).allPassing)
        #expect(MachineChecks(statuses: []).allPassing)
    }
}
