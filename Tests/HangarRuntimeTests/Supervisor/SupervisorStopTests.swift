import Foundation
import Glibc
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// How machines end on purpose or by their limits: Fly's stop sequence, machine actions, out of
/// memory.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorStopTests {
    /// Appends each SIGINT/SIGTERM it receives (as a number) to `signals` and keeps running.
    static let recorder = """
        import signal, time
        def record(number, frame):
            with open("signals", "a") as f:
                f.write("%d\\n" % number)
        signal.signal(signal.SIGINT, record)
        signal.signal(signal.SIGTERM, record)
        with open("signals", "a") as f:
            f.write("ready\\n")
        while True:
            time.sleep(0.05)
        """

    @Test(arguments: TestHost.modes) func downSendsKillSignalThenSIGKILLAfterKillTimeout(_ modeName: String) async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp("""
                app = "stubborn"
                kill_signal = "SIGTERM"
                kill_timeout = "1s"
                [processes]
                app = "PY recorder.py"
                """, files: ["recorder.py": Self.recorder])
            let status = try await harness.up(RuntimeMode(testName: modeName))
            let id = try #require(status.machines.first?.id)
            let record = harness.appDirectory + "/signals"
            #expect(await harness.eventually { TestHost.read(record).contains("ready") })

            let down = try await harness.supervisor.down(app: "stubborn")
            #expect(down.machines.first?.state == "stopped")
            #expect(TestHost.read(record) == "ready\n\(SIGTERM)\n", "kill_signal once, then SIGKILL")
            let events = try harness.store.events(machine: id, limit: 10)
            #expect(events.prefix(2).map(\.type) == [.exit, .stop])
            #expect(events[1].status == .stopping && events[1].source == .user)
            #expect(events[0].status == .stopped)
            #expect(events[0].payload.reason == "killed after kill_timeout")
            #expect(events[0].payload.requestedStop == true)
            #expect(events[0].payload.signal == SIGKILL)

            // Nothing restarts a machine that was asked to stop.
            try await Task.sleep(for: .milliseconds(500))
            #expect(try harness.store.machine(id: id)?.state == .stopped)
        }
    }

    @Test func machineActionsStopStartRestartSuspendAndDestroy() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp("""
                app = "actions"
                kill_timeout = "1s"
                [processes]
                app = "PY worker.py"
                [mounts]
                source = "actions_data"
                destination = "/tmp/hangar-actions-unused"
                """, files: ["worker.py": AppScripts.worker])
            let id = try #require(try await harness.up(.shared).machines.first?.id)
            let supervisor = harness.supervisor
            #expect(try await supervisor.machineAction(app: "actions", machine: id, action: .stop).state == "stopped")
            #expect(try await supervisor.machineAction(app: "actions", machine: id, action: .start).state == "started")
            let pid = try harness.store.machine(id: id)?.pid
            #expect(try await supervisor.machineAction(app: "actions", machine: id, action: .restart).state == "started")
            #expect(try harness.store.machine(id: id)?.pid != pid)
            #expect(try await supervisor.machineAction(app: "actions", machine: id, action: .suspend).state == "suspended")
            #expect(try await supervisor.machineAction(app: "actions", machine: id, action: .start).state == "started")
            let volume = try #require(try harness.store.machine(id: id)?.volumeID)
            #expect(try await supervisor.machineAction(app: "actions", machine: id, action: .destroy).state == "destroyed")
            #expect(try harness.store.volume(id: volume)?.attachedMachineID == nil, "the volume stays, detached")
            #expect(try harness.machines("actions").isEmpty)
            await #expect(throws: ControlError.self) {
                try await supervisor.machineAction(app: "actions", machine: id, action: .start)
            }
        }
    }

    static let hog = """
        import time
        block = bytearray(400 * 1024 * 1024)
        for i in range(0, len(block), 4096):
            block[i] = 1
        print("allocated", len(block), flush=True)
        time.sleep(60)
        """

    @Test(.enabled(if: TestHost.hasMemoryCgroup, "needs a writable memory cgroup"), arguments: TestHost.modes)
    func aMachineThatAllocatesPastItsMemoryIsKilledOutOfMemory(_ modeName: String) async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp("""
                app = "hungry"
                [processes]
                app = "PY hog.py"
                [[vm]]
                memory = "256mb"
                [[restart]]
                policy = "never"
                """, files: ["hog.py": Self.hog])
            // Whether `up` sees the end depends on how fast the allocation runs; the event does not.
            var message: String?
            do throws(ControlError) {
                _ = try await harness.up(RuntimeMode(testName: modeName))
            } catch {
                message = error.message
            }
            let id = try #require(try harness.machines("hungry").first?.id)
            #expect(await harness.eventually { try harness.store.machine(id: id)?.state == .stopped })
            if let message { #expect(message.contains("machine \(id) (app) stopped: out of memory"), "\(message)") }
            let exit = try #require(try harness.store.events(machine: id, limit: 10).first { $0.type == .exit })
            #expect(exit.payload.oomKilled == true)
            #expect(exit.payload.reason == "out of memory")
            #expect(try harness.store.machine(id: id)?.state == .stopped, "policy never: it stays stopped")
        }
    }

    @Test func aMachineThatExitsAtOnceFailsUpWithItsExitAndLog() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp("""
                app = "quitter"
                [processes]
                app = "sh -c 'echo giving up; exit 3'"
                [[restart]]
                policy = "never"
                """)
            do throws(ControlError) {
                _ = try await harness.up(.shared)
                Issue.record("up succeeded although the machine exited")
            } catch {
                let id = try #require(try harness.machines("quitter").first?.id)
                #expect(error.kind == .failed)
                #expect(error.message.hasPrefix("up failed: machine \(id) (app) stopped: exit code 3"), "\(error.message)")
                #expect(error.message.contains("last log lines of machine \(id):\n  giving up"), "\(error.message)")
            }
        }
    }
}
