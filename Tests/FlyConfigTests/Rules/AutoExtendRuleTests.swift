import Testing
@testable import FlyConfig

@Suite struct AutoExtendRuleTests {
    private func run(threshold: Int? = nil, increment: String? = nil, limit: String? = nil) -> [Diagnostic] {
        let config = makeConfig { c in
            c.mounts = [
                makeMount {
                    $0.autoExtendSizeThreshold = threshold
                    $0.autoExtendSizeIncrement = increment
                    $0.autoExtendSizeLimit = limit
                }
            ]
        }
        return AutoExtendRule().run(config)
    }

    @Test func acceptsNoneAndCompleteSettings() {
        #expect(run().isEmpty)
        #expect(run(threshold: 0).isEmpty)
        #expect(run(threshold: 80, increment: "5GB", limit: "100GB").isEmpty)
        // flyctl lets the limit out.
        #expect(run(threshold: 80, increment: "1gb").isEmpty)
    }

    @Test func thresholdAloneMustBeAllOrNone() {
        let d = run(threshold: 80)
        #expect(d.codes == ["HG213", "HG213"])
        #expect(d[0].message
            == "mount 'data' auto_extend_size_threshold, auto_extend_size_increment and auto_extend_size_limit must be all defined or none")
        #expect(d[0].path == "mounts[0].auto_extend_size_threshold")
        #expect(d[1].message == "mount 'data' auto_extend_size_increment must be between 1GB and 100GB")
        #expect(d[1].path == "mounts[0]")
        #expect(d.allSatisfy { $0.severity == .error })
    }

    @Test func rangesAreChecked() {
        let d = run(threshold: 40, increment: "200GB", limit: "600GB")
        #expect(d.map(\.message) == [
            "mount 'data' auto_extend_size_threshold must be between 50 and 99",
            "mount 'data' auto_extend_size_increment must be between 1GB and 100GB",
            "mount 'data' auto_extend_size_limit must be between 1GB and 500GB",
        ])
        #expect(d.paths == [
            "mounts[0].auto_extend_size_threshold", "mounts[0].auto_extend_size_increment",
            "mounts[0].auto_extend_size_limit",
        ])
    }

    @Test func incrementWithoutThresholdNeedsOne() {
        let d = run(increment: "1gb")
        #expect(d.map(\.message) == ["mount 'data' auto_extend_size_threshold must be between 50 and 99"])
        #expect(d.first?.path == "mounts[0]")
    }

    @Test func sizesMustParseAndReachOneGigabyte() {
        let d = run(threshold: 80, increment: "lots", limit: "500MB")
        #expect(d.first?.message.hasPrefix("mount 'data' with auto_extend_size_increment 'lots' will fail because of:") == true)
        #expect(d.contains { $0.message == "mount 'data' has an auto_extend_size_limit '500MB' value which is smaller than 1GB" })
        #expect(d.contains { $0.message.hasSuffix("must be all defined or none") })
    }
}
