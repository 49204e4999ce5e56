import Testing
@testable import FlyConfig

@Suite struct VMSizeRuleTests {
    private func run(_ sizes: [String?]) -> [Diagnostic] {
        VMSizeRule().run(makeConfig { c in c.vm = sizes.map { size in makeVM { $0.size = size } } })
    }

    @Test func acceptsPresets() {
        #expect(run([nil, "", "shared-cpu-1x", "performance-16x", "a100-40gb", "l40s"]).isEmpty)
    }

    @Test func rejectsUnknownWithFlyctlMessage() {
        let d = run(["shared-cpu-1x", "shared-cpu-3x"])
        #expect(d.codes == ["HG301"])
        #expect(d.first?.severity == .error)
        #expect(d.first?.message.hasPrefix("'shared-cpu-3x' is an invalid machine size, choose one of: [shared-cpu-1x") == true)
        #expect(d.first?.path == "vm[1].size")
    }

    @Test func rejectsForeignNamesAndMapsNomadSizes() {
        let d = run(["micro-2x", "dedicated-cpu-1x", "cpu4mem4", "Shared-CPU-2x", "perfromance-2x"])
        #expect(d.count == 5)
        #expect(d[0].message == "invalid machine preset requested, 'micro-2x', expected to start with 'shared' or 'performance'")
        #expect(d[0].hint?.contains("size = \"shared-cpu-2x\"") == true)
        #expect(d[1].hint?.contains("size = \"performance-1x\"") == true)
        #expect(d[2].hint?.contains("size = \"performance-4x\"") == true)
        #expect(d[3].hint?.contains("lowercase") == true)
        #expect(d[4].hint?.hasPrefix("did you mean size = \"performance-2x\"") == true)
    }

    @Test func checksTheReleaseCommandMachine() {
        let config = makeConfig {
            var deploy = Deploy()
            deploy.releaseCommandVM = makeVM { $0.size = "huge" }
            $0.deploy = deploy
        }
        let d = VMSizeRule().run(config)
        #expect(d.paths == ["deploy.release_command_vm.size"])
    }
}
