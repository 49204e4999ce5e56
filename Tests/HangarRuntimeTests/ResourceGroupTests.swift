import Foundation
import Testing
@testable import HangarRuntime

/// Limit files written into a fake cgroup directory (the kernel's files exist in advance; the
/// launcher never creates them).
@Suite struct ResourceGroupTests {
    func fakeGroup(_ files: [String]) -> String {
        let directory = TestHost.temporaryDirectory()
        for file in files { _ = FileManager.default.createFile(atPath: directory + "/" + file, contents: Data()) }
        return directory
    }

    @Test func cgroupV2Limits() throws {
        let directory = fakeGroup(["memory.max", "memory.swap.max", "cpu.max", "cpu.weight"])
        defer { TestHost.remove(directory) }
        let group = ResourceGroup(v2Path: directory, v2Controllers: ["memory", "cpu"], v1Paths: [:])
        try group.apply(ResourceLimits(memoryMB: 256, cpus: 2, cpuKind: .performance))
        #expect(TestHost.read(directory + "/memory.max") == "268435456")
        #expect(TestHost.read(directory + "/memory.swap.max") == "0")
        #expect(TestHost.read(directory + "/cpu.max") == "200000 100000")
        #expect(TestHost.read(directory + "/cpu.weight") == "200")
    }

    @Test func cgroupV1Limits() throws {
        let memory = fakeGroup(["memory.limit_in_bytes", "memory.memsw.limit_in_bytes"])
        defer { TestHost.remove(memory) }
        let cpu = fakeGroup(["cpu.cfs_period_us", "cpu.cfs_quota_us", "cpu.shares"])
        defer { TestHost.remove(cpu) }
        let group = ResourceGroup(v2Path: nil, v2Controllers: [], v1Paths: ["memory": memory, "cpu": cpu])
        try group.apply(ResourceLimits(memoryMB: 64, cpus: 1, cpuKind: .shared))
        #expect(TestHost.read(memory + "/memory.limit_in_bytes") == "67108864")
        #expect(TestHost.read(memory + "/memory.memsw.limit_in_bytes") == "67108864")
        #expect(TestHost.read(cpu + "/cpu.cfs_quota_us") == "100000")
        #expect(TestHost.read(cpu + "/cpu.shares") == "64")
    }

    @Test func cpuMapping() {
        #expect(ResourceLimits(cpus: 1, cpuKind: .shared).cpuWeight == 6)
        #expect(ResourceLimits(cpus: 8, cpuKind: .performance).cpuShares == 8192)
        #expect(ResourceLimits(cpus: 16, cpuKind: .performance).cpuWeight == 1600)
        #expect(ResourceLimits(cpus: 0).cpuQuota == 100_000)
        #expect(ResourceLimits(memoryMB: nil).memoryBytes == nil)
    }

    @Test func machineIDsMustNameADirectory() {
        #expect(ResourceGroup.isValidName("3d8d9a1c2e4f56"))
        #expect(!ResourceGroup.isValidName("../etc"))
        #expect(!ResourceGroup.isValidName(".hidden"))
        #expect(!ResourceGroup.isValidName("a/b"))
        #expect(!ResourceGroup.isValidName(""))
    }
}
