import Testing
@testable import FlyConfig

@Suite struct VMMemoryRuleTests {
    private func run(_ edit: (inout VM) -> Void) -> [Diagnostic] {
        VMMemoryRule().run(makeConfig { $0.vm = [makeVM(edit)] })
    }

    @Test func acceptsPresetsAndSensibleOverrides() {
        #expect(run { _ in }.isEmpty)
        #expect(run { $0.size = "shared-cpu-2x" }.isEmpty)
        #expect(run { $0.memory = "1gb" }.isEmpty)
        #expect(run { $0.cpuKind = "shared"; $0.cpus = 2; $0.memoryMB = 1024 }.isEmpty)
        #expect(run { $0.size = "performance-2x"; $0.memory = "8g" }.isEmpty)
        #expect(run { $0.gpuKind = "a100-pcie-40gb"; $0.memory = "64gb" }.isEmpty)
    }

    @Test func rejectsZeroAndUnparsableMemory() {
        let zero = run { $0.memory = "0" }
        #expect(zero.codes == ["HG302"])
        #expect(zero.first?.severity == .error)
        #expect(zero.first?.message == "invalid memory size '0': memory cannot be zero")
        #expect(zero.first?.path == "vm[0].memory")
        let junk = run { $0.memory = "lots" }
        #expect(junk.first?.message.hasPrefix("invalid memory size 'lots'") == true)
    }

    @Test func rejectsMemoryOffTheGrid() {
        let d = run { $0.memoryMB = 1000 }
        #expect(d.codes == ["HG302"])
        #expect(d.first?.message.contains("not a multiple of 256 MB") == true)
        #expect(d.first?.path == "vm[0].memory_mb")
        #expect(d.first?.hint == "use 768 or 1024 MB")
    }

    @Test func rejectsMemoryOutsideTheCPULimits() {
        // cpus = 2 alone keeps the preset's 256 MB: too little for two shared CPUs.
        let few = run { $0.cpus = 2 }
        #expect(few.codes == ["HG302"])
        #expect(few.first?.severity == .error)
        #expect(few.first?.message.hasPrefix("256 MB of memory is outside the 512–4096 MB a machine with 2 shared CPUs accepts") == true)
        #expect(few.first?.path == "vm[0].cpus")
        // performance alone keeps 256 MB.
        #expect(run { $0.cpuKind = "performance" }.first?.path == "vm[0].cpu_kind")
        // Too much for one shared CPU.
        let much = run { $0.memory = "4gb" }
        #expect(much.first?.message.hasPrefix("4096 MB of memory is outside the 256–2048 MB") == true)
        #expect(much.first?.path == "vm[0].memory")
        #expect(much.first?.hint?.contains("2 or more CPUs") == true)
    }

    @Test func warnsWhenMemoryMBOverridesMemory() {
        let d = run { $0.memory = "1gb"; $0.memoryMB = 512 }
        #expect(d.codes == ["HG302"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.path == "vm[0].memory")
    }

    @Test func warnsAboutUnknownCPUKind() {
        let d = run { $0.cpuKind = "dedicated" }
        #expect(d.codes == ["HG302"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.path == "vm[0].cpu_kind")
    }

    @Test func checksTheReleaseCommandMachineAndSkipsUnknownSizes() {
        let config = makeConfig {
            var deploy = Deploy()
            deploy.releaseCommandVM = makeVM { $0.memory = "0" }
            $0.deploy = deploy
            $0.vm = [makeVM { $0.size = "nope" }]
        }
        #expect(VMMemoryRule().run(config).paths == ["deploy.release_command_vm.memory"])
    }
}
