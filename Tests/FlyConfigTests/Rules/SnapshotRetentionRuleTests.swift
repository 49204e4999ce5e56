import Testing
@testable import FlyConfig

@Suite struct SnapshotRetentionRuleTests {
    private func run(_ days: Int?) -> [Diagnostic] {
        SnapshotRetentionRule().run(makeConfig { c in c.mounts = [makeMount { $0.snapshotRetention = days }] })
    }

    @Test func acceptsOneToSixty() {
        for days in [nil, 1, 5, 60] { #expect(run(days).isEmpty) }
    }

    @Test func rejectsOutside() {
        for days in [0, 61, -1] {
            let d = run(days)
            #expect(d.codes == ["HG212"])
            #expect(d.first?.severity == .error)
            #expect(d.first?.message
                == "mount 'data' has a snapshot_retention value which is not between 1 and 60 days inclusive")
            #expect(d.first?.path == "mounts[0].snapshot_retention")
        }
    }
}
