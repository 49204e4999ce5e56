import Foundation
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// The routing tables the supervisor publishes for the proxy, and draining.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorRoutingTests {
    @Test(arguments: TestHost.modes) func startedMachinesWithPassingChecksAreReadyTargets(_ modeName: String) async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(SupervisorScaleTests.web, files: ["server.py": AppScripts.server])
            let mode = RuntimeMode(testName: modeName)
            _ = try await harness.up(mode)
            let status = try await harness.supervisor.scale(app: "scaled", counts: ["web": 2])
            let table = await harness.supervisor.routingTable()
            let routes = try #require(table.app("scaled")?.services.first)
            #expect(routes.group == "web")
            #expect(routes.service.internalPort == 8080)
            #expect(Set(routes.ready.map(\.machineID)) == Set(status.machines.map(\.id)))
            for target in routes.ready {
                // Each target answers at the address the table gives (the app prints its machine id).
                #expect(PlainHTTPGet.get(target.host, target.port, "/") == target.machineID)
            }

            // A drain takes a machine out of routing at once; it ends when no work is in flight.
            let first = routes.ready[0].machineID
            await harness.supervisor.report(LoadReport(app: "scaled", inFlight: [first: 1]))
            let drained = Task { await harness.supervisor.drain(first, app: "scaled", timeout: .seconds(20)) }
            let out = await harness.eventuallyAsync {
                await harness.supervisor.routingTable().app("scaled")?.services.first?.targets
                    .first { $0.machineID == first }?.state == .draining
            }
            #expect(out)
            await harness.supervisor.report(LoadReport(app: "scaled", inFlight: [:]))
            await drained.value
            await harness.supervisor.undrain(first, app: "scaled")
            let back = await harness.supervisor.routingTable().app("scaled")?.services.first?.ready.count
            #expect(back == 2)

            // The stream starts with the current table and follows a stop.
            var updates = await harness.supervisor.routingUpdates().makeAsyncIterator()
            #expect(await updates.next()?.app("scaled")?.services.first?.ready.count == 2)
            _ = try await harness.supervisor.machineAction(app: "scaled", machine: first, action: .stop)
            var sawStopped = false
            while let table = await updates.next() {
                if table.app("scaled")?.services.first?.targets.first(where: { $0.machineID == first })?.state == .stopped {
                    sawStopped = true
                    break
                }
            }
            #expect(sawStopped)
        }
    }
}
