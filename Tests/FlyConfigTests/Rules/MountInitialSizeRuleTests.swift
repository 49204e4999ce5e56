import Testing
@testable import FlyConfig

@Suite struct MountInitialSizeRuleTests {
    private func run(_ sizes: [String?]) -> [Diagnostic] {
        let config = makeConfig { c in c.mounts = sizes.map { size in makeMount { $0.initialSize = size } } }
        return MountInitialSizeRule().run(config)
    }

    @Test func acceptsWholeGigabytes() {
        #expect(run([nil, "", "1gb", "10", "30GB", "1GiB"]).isEmpty)
    }

    @Test func rejectsUnderOneGigabyte() {
        let d = run(["15Mb"])
        #expect(d.codes == ["HG211"])
        #expect(d.first?.severity == .error)
        #expect(d.first?.message == "mount 'data' has an initial_size '15Mb' value which is smaller than 1GB")
        #expect(d.first?.path == "mounts[0].initial_size")
        #expect(run(["0"]).codes == ["HG211"])
        #expect(run(["500MB"]).codes == ["HG211"])
    }

    @Test func rejectsUnparsable() {
        let d = run(["1gb", "unparseable"])
        #expect(d.codes == ["HG211"])
        #expect(d.first?.message.hasPrefix("mount 'data' with initial_size 'unparseable' will fail because of:") == true)
        #expect(d.first?.path == "mounts[1].initial_size")
    }
}
