import Foundation
import Glibc
import Testing
@testable import HangarRuntime

/// Without any cgroup (an unprivileged host): the tree is still killed (process groups plus the
/// init's own subreaper cleanup) and frozen (SIGSTOP).
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct MachineFallbackTests {
    func spec(_ argv: [String], directory: String) throws -> LaunchSpec {
        var spec = TestHost.spec(argv, mode: try TestHost.shared(), directory: directory)
        spec.limiter = .processGroupsOnly
        return spec
    }

    @Test func stopEscalatesAndKillsGrandchildrenThatLeftTheGroup() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let script = """
            trap '' TERM; sleep 300 & echo $! > \(directory)/first; (setsid sleep 300 & echo $! > \(directory)/second); wait
            """
        let members = try await TestHost.withMachine(try spec(["sh", "-c", script], directory: directory)) { machine in
            #expect(machine.group.isEmpty)
            var members: [ProcStat] = []
            #expect(await TestHost.eventually {
                members = ["first", "second"]
                    .compactMap { Int32(TestHost.read(directory + "/" + $0).trimmingCharacters(in: .whitespacesAndNewlines)) }
                    .compactMap { ProcStat.read(pid: $0) }
                return members.count == 2
            })
            #expect(await machine.stop(signal: SIGTERM, timeout: .milliseconds(500)) == .killedAfterTimeout)
            return members
        }
        for member in members {
            #expect(!MachineProcess.isAlive(pid: member.pid, startTime: member.startTime), "pid \(member.pid) survived")
        }
    }

    @Test func freezeFallsBackToSIGSTOP() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let file = directory + "/count"
        let counter = TestHost.script("counter.py", Scripts.counter, in: directory)
        func count() -> Int { Int(TestHost.read(file)) ?? 0 }
        try await TestHost.withMachine(try spec([try #require(TestHost.python), counter, file], directory: directory)) { machine in
            #expect(await TestHost.eventually { count() > 0 })
            try machine.freeze()
            #expect(machine.isFrozen)
            let frozenAt = count()
            try await Task.sleep(for: .milliseconds(300))
            #expect(count() == frozenAt)
            try machine.thaw()
            #expect(await TestHost.eventually { count() > frozenAt })
            #expect(await machine.stop(signal: SIGTERM, timeout: .seconds(5)) == .signaled(signal: SIGTERM))
        }
    }

    @Test func theHangarBinaryRunsTheInit() async throws {
        // swift test builds every product, so the binary is beside the test bundle.
        let hangar = try #require(TestHost.hangarBinary, "the hangar binary is not built")
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        var spec = TestHost.spec(["sh", "-c", "exit 3"], mode: try TestHost.shared(), directory: directory)
        spec.initExecutable = hangar
        #expect(await (try MachineProcess.start(spec: spec)).wait() == .exited(code: 3))
    }
}
