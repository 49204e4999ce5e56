import Testing
@testable import FlyConfig

@Suite struct GuestTests {
    private func guest(_ configure: (inout VM) -> Void, top: String? = nil) throws -> Guest {
        var vm = VM()
        configure(&vm)
        return try Guest.compute(from: vm, topLevelHostDedicationID: top)
    }

    @Test func presetsTable() throws {
        #expect(VMPreset.all.count == 18)
        #expect(VMPreset.named("shared-cpu-1x") == VMPreset(name: "shared-cpu-1x", cpuKind: "shared", cpus: 1, memoryMB: 256))
        #expect(VMPreset.named("performance-16x")?.memoryMB == 32768)
        #expect(VMPreset.named("a100-80gb")?.gpuKind == "a100-sxm4-80gb")
        #expect(VMPreset.named("l40s")?.gpus == 1)
        #expect(VMPreset.named("shared-cpu-6x")?.memoryMB == 1536)
    }

    @Test func defaultsAndPresets() throws {
        #expect(try guest { _ in } == Guest(cpuKind: "shared", cpus: 1, memoryMB: 256))
        #expect(try guest { $0.size = "performance-2x" } == Guest(cpuKind: "performance", cpus: 2, memoryMB: 4096))
        var a10 = Guest(cpuKind: "performance", cpus: 8, memoryMB: 32768)
        a10.gpus = 1
        a10.gpuKind = "a10"
        #expect(try guest { $0.size = "a10" } == a10)
    }

    @Test func gpuKindWithoutSizeStartsFromPerformance8x() throws {
        var expected = Guest(cpuKind: "performance", cpus: 8, memoryMB: 16384)
        expected.gpuKind = "l40s"
        #expect(try guest { $0.gpuKind = "l40s" } == expected)
    }

    @Test func overridesInFlyctlsOrder() throws {
        // memory overrides the preset; memory_mb beats memory.
        #expect(try guest { $0.size = "shared-cpu-2x"; $0.memory = "1gb" }.memoryMB == 1024)
        #expect(try guest { $0.memory = "1gb"; $0.memoryMB = 2048 }.memoryMB == 2048)
        // The vm's host dedication beats the top-level one; the top-level one applies otherwise.
        #expect(try guest({ _ in }, top: "top").hostDedicationID == "top")
        #expect(try guest({ $0.hostDedicationID = "mine" }, top: "top").hostDedicationID == "mine")
        // Zero and empty fields do not override.
        let zero = try guest { $0.size = "shared-cpu-4x"; $0.cpus = 0; $0.memoryMB = 0; $0.cpuKind = ""; $0.kernelArgs = [] }
        #expect(zero == Guest(cpuKind: "shared", cpus: 4, memoryMB: 1024))
        var full = Guest(cpuKind: "performance", cpus: 3, memoryMB: 256)
        full.maxMemoryMB = 1024
        full.kernelArgs = ["quiet"]
        full.persistRootfs = "always"
        full.gpus = 2
        #expect(try guest {
            $0.cpuKind = "performance"; $0.cpus = 3; $0.maxMemoryMB = 1024; $0.kernelArgs = ["quiet"]
            $0.persistRootfs = "always"; $0.gpus = 2
        } == full)
    }

    @Test func noConsistencyFixUp() throws {
        #expect(try guest { $0.cpus = 2 } == Guest(cpuKind: "shared", cpus: 2, memoryMB: 256))
        #expect(try guest { $0.cpuKind = "performance" } == Guest(cpuKind: "performance", cpus: 1, memoryMB: 256))
    }

    @Test func errors() {
        #expect(throws: GuestError("invalid machine preset requested, 'huge', expected to start with 'shared' or 'performance'")) {
            try guest { $0.size = "huge" }
        }
        #expect(throws: GuestError.self) { try guest { $0.size = "shared-cpu-3x" } }
        let message = "'shared-cpu-3x' is an invalid machine size, choose one of: [shared-cpu-1x shared-cpu-2x shared-cpu-4x shared-cpu-6x shared-cpu-8x]"
        #expect(throws: GuestError(message)) { try guest { $0.size = "shared-cpu-3x" } }
        #expect(throws: GuestError.self) { try guest { $0.memory = "0" } }
        #expect(throws: GuestError.self) { try guest { $0.memory = "lots" } }
    }

    @Test func vmSelectionPerGroup() throws {
        var c = AppConfig()
        c.processes = ["app": "", "web": "", "worker": ""]
        var global1 = VM()
        global1.size = "shared-cpu-2x"
        var global2 = VM()
        global2.size = "shared-cpu-8x"
        var web1 = VM()
        web1.size = "performance-1x"
        web1.processes = ["web"]
        var web2 = VM()
        web2.size = "performance-2x"
        web2.processes = ["web", "worker"]
        c.vm = [global1, web1, global2, web2]
        #expect(c.vmIndex(for: "web") == 3, "the last entry listing the group wins")
        #expect(c.vmIndex(for: "worker") == 3)
        #expect(c.vmIndex(for: "app") == 0, "the first processes-less entry wins")
        #expect(try c.guest(for: "app")?.cpus == 2)
        #expect(try c.guest(for: "web")?.memoryMB == 4096)
        c.vm = [web1]
        #expect(try c.guest(for: "app") == nil)
        c.vm = nil
        #expect(try c.guest(for: "web") == nil)
    }

    @Test func memoryPerCPURanges() {
        #expect(VMPreset.memoryPerCPURange(cpuKind: "shared") == 256...2048)
        #expect(VMPreset.memoryPerCPURange(cpuKind: "performance") == 2048...8192)
        #expect(VMPreset.memoryPerCPURange(cpuKind: "gpu") == nil)
    }
}
