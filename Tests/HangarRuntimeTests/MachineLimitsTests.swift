import Foundation
import Glibc
import Testing
@testable import HangarRuntime

/// Memory and CPU limits, OOM detection, freezing.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct MachineLimitsTests {
    @Test(.enabled(if: TestHost.hasMemoryCgroup, "needs a writable memory cgroup"), arguments: TestHost.modes)
    func aMemoryHogEndsOutOfMemory(_ modeName: String) async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let hog = TestHost.script("hog.py", Scripts.memoryHog, in: directory)
        let machine = try MachineProcess.start(spec: TestHost.spec(
            [try #require(TestHost.python), hog], mode: try TestHost.mode(modeName), directory: directory,
            resources: ResourceLimits(memoryMB: 64)))
        let info = await machine.wait()
        #expect(info == .oomKilled)
        #expect(info.description == "out of memory")
        #expect(!TestHost.read(directory + "/out.log").contains("allocated"))
    }

    @Test(.enabled(if: TestHost.hasMemoryCgroup, "needs writable memory and cpu cgroups"))
    func limitsAreWrittenToTheMachinesCgroups() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let spec = TestHost.spec(["sleep", "300"], mode: try TestHost.shared(), directory: directory,
                                 resources: ResourceLimits(memoryMB: 128, cpus: 2, cpuKind: .performance))
        let group = try await TestHost.withMachine(spec) { machine in
            let group = machine.group
            if let memory = group.v1Paths["memory"] {
                #expect(TestHost.read(memory + "/memory.limit_in_bytes") == "134217728\n")
            }
            if let cpu = group.v1Paths["cpu"] {
                #expect(TestHost.read(cpu + "/cpu.cfs_quota_us") == "200000\n")
                #expect(TestHost.read(cpu + "/cpu.shares") == "2048\n")
            }
            if let v2 = group.v2Path, group.v2Controllers.contains("memory") {
                #expect(TestHost.read(v2 + "/memory.max") == "134217728\n")
            }
            #expect(machine.processIDs().contains(machine.pid), "the init is in its Machine's cgroup")
            return group
        }
        for path in group.paths { #expect(!FileManager.default.fileExists(atPath: path)) }
    }

    @Test(arguments: TestHost.modes) func freezeAndThaw(_ modeName: String) async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let file = directory + "/count"
        let counter = TestHost.script("counter.py", Scripts.counter, in: directory)
        let spec = TestHost.spec([try #require(TestHost.python), counter, file], mode: try TestHost.mode(modeName),
                                 directory: directory)
        func count() -> Int { Int(TestHost.read(file)) ?? 0 }
        try await TestHost.withMachine(spec) { machine in
            #expect(await TestHost.eventually { count() > 0 })

            try machine.freeze()
            #expect(machine.isFrozen)
            let frozenAt = count()
            try await Task.sleep(for: .milliseconds(300))
            #expect(count() == frozenAt, "a frozen Machine does not run")

            try machine.thaw()
            #expect(!machine.isFrozen)
            #expect(await TestHost.eventually { count() > frozenAt })
            // A frozen Machine can still be stopped.
            try machine.freeze()
            #expect(await machine.stop(signal: SIGTERM, timeout: .seconds(5)) == .signaled(signal: SIGTERM))
        }
    }
}
