import Foundation
import Glibc
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// Restart policies at work: a killed machine comes back, a command that does not exist fails
/// after its budget (and `up` names it while the other group runs on), a machine that died while
/// no supervisor watched is restarted by the next one.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorRestartTests {
    static let worker = """
        app = "phoenix"
        kill_timeout = "1s"

        [processes]
        worker = "PY worker.py"

        [[restart]]
        policy = "on-failure"
        retries = 2
        """

    @Test(arguments: TestHost.modes) func aSIGKILLedMachineIsRestartedAndTheEventRecordsSignal9(_ modeName: String) async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.worker, files: ["worker.py": AppScripts.worker])
            let status = try await harness.up(RuntimeMode(testName: modeName))
            let id = try #require(status.machines.first?.id)
            let before = try #require(try harness.store.machine(id: id))
            let initPID = try #require(before.pid)
            let app = try #require(MachineProcess.oldestChild(of: initPID), "the app runs under the machine init")
            #expect(kill(app, SIGKILL) == 0)

            let restarted = await harness.eventually {
                let record = try harness.store.machine(id: id)
                return record?.state == .started && record?.pid != initPID
            }
            #expect(restarted)
            let events = try harness.store.events(machine: id, limit: 20)
            let exit = try #require(events.first { $0.type == .exit })
            #expect(exit.payload.signal == SIGKILL)
            #expect(exit.payload.reason == "signal 9 (SIGKILL)")
            #expect(exit.payload.restarting == true)
            #expect(exit.status == .stopped)
            #expect(events.contains { $0.type == .restart && $0.status == .starting })
            let summaries = try await harness.supervisor.events(app: "phoenix", machine: id, limit: 20)
            #expect(summaries.contains { $0.type == "exit" && $0.detail == "signal 9 (SIGKILL); restarting" })
            #expect(try harness.machines("phoenix").count == 1, "restarted, not duplicated")
        }
    }

    static let halfBroken = """
        app = "half-broken"
        kill_timeout = "1s"

        [processes]
        good = "PY worker.py"
        broken = "hangar-no-such-command --flag"

        [[restart]]
        policy = "on-failure"
        retries = 2
        """

    @Test(arguments: TestHost.modes) func aMissingCommandFailsAfterItsBudgetAndUpNamesIt(_ modeName: String) async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.halfBroken, files: ["worker.py": AppScripts.worker])
            var message = ""
            do throws(ControlError) {
                _ = try await harness.up(RuntimeMode(testName: modeName), timeout: 60)
                Issue.record("up succeeded with a missing command")
            } catch {
                #expect(error.kind == .failed)
                message = error.message
            }
            let broken = try #require(try harness.machines("half-broken", group: "broken").first)
            let good = try #require(try harness.machines("half-broken", group: "good").first)
            #expect(message.contains("machine \(broken.id) (broken)"), "\(message)")
            #expect(message.contains("exec failed: hangar-no-such-command: No such file or directory"), "\(message)")
            #expect(await harness.eventually { try harness.store.machine(id: broken.id)?.state == .failed })
            #expect(try harness.store.machine(id: good.id)?.state == .started, "the other group keeps running")

            let exits = try harness.store.events(machine: broken.id, limit: 50).filter { $0.type == .exit }
            #expect(exits.count == 3, "the first run and two restarts (retries = 2)")
            #expect(exits.first?.status == .failed)
            #expect(exits.first?.payload.reason?.hasPrefix("exec failed: hangar-no-such-command") == true)
            #expect(exits.first?.payload.reason?.contains("max_retries 2") == true)
            let status = try await harness.supervisor.status(app: "half-broken")
            #expect(status.machines.first { $0.id == broken.id }?.lastExit
                == "exec failed: hangar-no-such-command: No such file or directory")
        }
    }

    @Test func aMachineThatDiedWhileNoSupervisorWatchedIsRestarted() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.worker, files: ["worker.py": AppScripts.worker])
            let status = try await harness.up(.shared)
            let id = try #require(status.machines.first?.id)
            let record = try #require(try harness.store.machine(id: id))
            await harness.supervisor.detach()
            let initPID = try #require(record.pid)
            let app = try #require(MachineProcess.oldestChild(of: initPID))
            kill(app, SIGKILL)
            #expect(await harness.eventually {
                !MachineProcess.isAlive(pid: record.pid ?? 0, startTime: record.pidStartTime ?? 0)
            })

            let restarted = harness.newSupervisor()
            let recovery = await restarted.recover()
            #expect(recovery.restarted == [id])
            #expect(recovery.adopted.isEmpty)
            let now = try #require(try harness.store.machine(id: id))
            #expect(now.state == .started && now.pid != record.pid)
            let exit = try #require(try harness.store.events(machine: id, limit: 20).first { $0.type == .exit })
            #expect(exit.payload.reason == "daemon restarted; machine was gone (signal 9 (SIGKILL))")
            #expect(try harness.machines("phoenix").count == 1)
        }
    }

    @Test func anUpOnANewSupervisorAdoptsARunningMachineInsteadOfStartingItAgain() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.worker, files: ["worker.py": AppScripts.worker])
            let id = try #require(try await harness.up(.shared).machines.first?.id)
            let pid = try #require(try harness.store.machine(id: id)?.pid)
            await harness.supervisor.detach()
            // No recover(): up itself must find the live process.
            let second = harness.newSupervisor()
            let status = try await harness.up(.shared, on: second)
            #expect(status.machines.map(\.id) == [id])
            #expect(try harness.store.machine(id: id)?.pid == pid)
            #expect(try harness.store.events(machine: id, limit: 5).first?.type.rawValue == "adopt")
        }
    }
}
