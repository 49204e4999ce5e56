import Foundation
import Testing

@testable import HangarStore

@Suite struct IdentifierTests {
    @Test func machineIDsAre14HexAndUniqueOver10k() throws {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = Identifiers.machineID()
            #expect(id.utf8.count == 14)
            try NameRules.validateMachineID(id)
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }

    @Test func storedMachinesGetDistinctFlyShapedIDs() throws {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        let spec = try Specs.spec()
        var ids = Set<String>()
        for _ in 0..<200 {
            let machine = try fixture.store.createMachine(app: "demo", group: "web", spec: spec).machine
            try NameRules.validateMachineID(machine.id)
            ids.insert(machine.id)
        }
        #expect(ids.count == 200)
    }

    @Test func volumeIDsFollowFlysShape() throws {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let id = Identifiers.volumeID()
            try NameRules.validateVolumeID(id)
            seen.insert(id)
        }
        #expect(seen.count == 1000)
    }

    @Test func versionsAreULIDsThatSortByTime() {
        let crockford = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let early = Identifiers.machineVersion(at: Date(timeIntervalSince1970: 1_700_000_000))
        let late = Identifiers.machineVersion(at: Date(timeIntervalSince1970: 1_800_000_000))
        for version in [early, late] {
            #expect(version.count == 26)
            #expect(version.allSatisfy(crockford.contains))
            #expect(version.first.map { "01234567".contains($0) } == true)
        }
        #expect(early < late)
        // The first ten characters encode the milliseconds: 1_700_000_000_000 is 01HF7YAT00 in base32.
        #expect(early.prefix(10) == "01HF7YAT00")
        #expect(Identifiers.machineVersion() != Identifiers.machineVersion())
        for odd in [Date(timeIntervalSince1970: .infinity), Date(timeIntervalSince1970: -1e12), .distantFuture] {
            #expect(Identifiers.machineVersion(at: odd).count == 26)
        }
    }
}
