import Testing

@Suite struct MachineInitCommandTests {
    @Test func byHandItExplainsItselfAndStartsNothing() throws {
        let r = try HangarBinary.run(["_machine-init", "3d8d9a1c2e4f56"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("started by the hangar launcher"))
    }

    @Test func itIsHiddenFromHelp() throws {
        let r = try HangarBinary.run(["--help"])
        #expect(!r.stdout.contains("_machine-init"))
    }
}
