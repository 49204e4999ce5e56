import Foundation
import Glibc
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// Volumes survive `down` + `up` and a daemon restart, and a restarted supervisor re-adopts the
/// machines that still run instead of starting them again.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorVolumeTests {
    static func app(destination: String) -> String {
        """
        app = "keeper"
        kill_timeout = "1s"

        [processes]
        app = "PY server.py"

        [[services]]
        internal_port = 8080
        protocol = "tcp"
        processes = ["app"]
        [[services.ports]]
        port = 80
        handlers = ["http"]
        [[services.tcp_checks]]
        interval = "1s"
        timeout = "1s"

        [mounts]
        source = "keeper_data"
        destination = "\(destination)"
        """
    }

    @Test(arguments: TestHost.modes) func volumeDataSurvivesDownUpAndADaemonRestart(_ modeName: String) async throws {
        try await SupervisorHarness.run { harness in
            let destination = "/tmp/hangar-volume-" + UUID().uuidString.prefix(8).lowercased()
            harness.removeLater(destination)
            try harness.writeApp(Self.app(destination: destination), files: ["server.py": AppScripts.server])
            let mode = RuntimeMode(testName: modeName)

            let first = try await harness.up(mode)
            #expect(first.notes.contains { $0.hasPrefix("created volume keeper_data (vol_") }, "\(first.notes)")
            let machine = try #require(first.machines.first)
            let volume = try #require(machine.volume)
            let (host, port) = harness.endpoint(machine)
            #expect(PlainHTTPGet.get(host, port, "/boots") == "boot \(machine.id)\n")
            if mode == .isolated {
                #expect(!FileManager.default.fileExists(atPath: destination + "/boots"), "the volume is mounted only inside")
            }

            _ = try await harness.supervisor.down(app: "keeper")
            let second = try await harness.up(mode)
            #expect(second.machines.map(\.id) == [machine.id])
            #expect(second.machines.first?.volume == volume)
            #expect(!second.notes.contains { $0.hasPrefix("created volume") })
            let (host2, port2) = harness.endpoint(try #require(second.machines.first))
            #expect(PlainHTTPGet.get(host2, port2, "/boots") == "boot \(machine.id)\nboot \(machine.id)\n")
            let pid = try #require(try harness.store.machine(id: machine.id)?.pid)

            // The daemon goes away (its supervisor is dropped) and a new one starts on the same store.
            await harness.supervisor.detach()
            let restarted = harness.newSupervisor()
            let recovery = await restarted.recover()
            #expect(recovery.adopted == [machine.id])
            #expect(recovery.restarted.isEmpty)
            let record = try #require(try harness.store.machine(id: machine.id))
            #expect(record.pid == pid, "the same process, not a new one")
            #expect(try harness.machines("keeper").count == 1)
            #expect(PlainHTTPGet.get(host2, port2, "/boots") == "boot \(machine.id)\nboot \(machine.id)\n")

            // The new supervisor supervises it: up is satisfied without starting anything.
            let third = try await harness.up(mode, on: restarted)
            #expect(third.machines.map(\.id) == [machine.id])
            #expect(third.machines.first?.checks.map(\.status) == ["passing"])
            #expect(try harness.store.machine(id: machine.id)?.pid == pid)
            let events = try await restarted.events(app: "keeper", machine: machine.id, limit: 5)
            #expect(events.first?.type == "adopt")

            // A stop through the new supervisor reaches the adopted machine.
            _ = try await restarted.down(app: "keeper")
            #expect(try harness.store.machine(id: machine.id)?.state == .stopped)
            #expect(!MachineProcess.isAlive(pid: pid, startTime: record.pidStartTime ?? 0))
            #expect(try harness.store.volumes(app: "keeper").count == 1)
        }
    }
}
