import Foundation
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// `scale`: more machines of a group, each its own address (isolated) or `$PORT` (shared), and
/// fewer again with their volumes kept.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorScaleTests {
    static let web = """
        app = "scaled"
        kill_timeout = "1s"

        [processes]
        web = "PY server.py"

        [http_service]
        internal_port = 8080
        processes = ["web"]

        [[http_service.checks]]
        interval = "1s"
        timeout = "1s"
        path = "/health"
        """

    @Test(arguments: TestHost.modes) func scalingWebToThreeGivesEachMachineItsOwnEndpoint(_ modeName: String) async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.web, files: ["server.py": AppScripts.server])
            let mode = RuntimeMode(testName: modeName)
            _ = try await harness.up(mode)
            let status = try await harness.supervisor.scale(app: "scaled", counts: ["web": 3])
            #expect(status.machines.count == 3)
            #expect(status.machines.allSatisfy { $0.state == "started" && $0.checks.map(\.status) == ["passing"] })
            #expect(try harness.store.scale(app: "scaled").counts == ["web": 3], "the scale persists")
            var answered: Set<String> = []
            for machine in status.machines {
                let (host, port) = harness.endpoint(machine)
                if mode == .isolated { #expect(port == 8080, "every machine binds the same internal_port") }
                answered.insert(PlainHTTPGet.get(host, port, "/") ?? "")
            }
            #expect(answered == Set(status.machines.map(\.id)), "each endpoint is its own machine")
            #expect(Set(status.machines.compactMap { mode == .isolated ? $0.address : $0.port.map(String.init) }).count == 3)

            if mode == .isolated {
                // Every machine's /etc/hosts resolves the app's .internal names to the started machines.
                let hosts = TestHost.read(harness.home + "/state/run/\(status.machines[0].id)/hosts")
                for machine in status.machines {
                    #expect(hosts.contains("\(machine.address ?? "?")\t\(machine.id).vm.scaled.internal web.process.scaled.internal scaled.internal"))
                }
            }

            // An up of the same config leaves the three alone.
            let again = try await harness.up(mode)
            #expect(Set(again.machines.map(\.id)) == Set(status.machines.map(\.id)))
            #expect(again.machines.map(\.version) == status.machines.map(\.version))

            let down = try await harness.supervisor.scale(app: "scaled", counts: ["web": 1])
            #expect(down.machines.count == 1)
            #expect(try harness.store.machines(app: "scaled", includeDestroyed: true).filter { $0.state == .destroyed }.count == 2)
        }
    }

    @Test(.enabled(if: TestHost.canIsolate, "isolated mode is unavailable here"))
    func anExplicitModeMovesRunningMachinesAndAutoKeepsIt() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.web, files: ["server.py": AppScripts.server])
            let isolated = try #require(try await harness.up(.isolated).machines.first)
            #expect(isolated.address?.hasPrefix("169.254.") == true)
            let shared = try #require(try await harness.up(.shared).machines.first)
            #expect(shared.id == isolated.id)
            #expect(shared.address == "127.0.0.1" && shared.port != nil)
            let (host, port) = harness.endpoint(shared)
            #expect(PlainHTTPGet.get(host, port, "/") == shared.id)
            let auto = try await harness.up(.auto)
            #expect(auto.mode == .shared, "auto keeps the mode the machines run in")
            #expect(auto.machines.first?.port == shared.port, "and leaves them running")
        }
    }
}
