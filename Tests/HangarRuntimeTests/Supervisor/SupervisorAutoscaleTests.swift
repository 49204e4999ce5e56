import Foundation
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// Autostop, autostart and suspend with real machines: a supervisor whose autostop pass runs every
/// few hundred milliseconds, fed (or not) with load reports as the proxy would send them.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorAutoscaleTests {
    static func app(_ name: String, autostop: String, min: Int, softLimit: Int = 20) -> String {
        """
        app = "\(name)"
        kill_timeout = "1s"

        [processes]
        web = "PY server.py"

        [http_service]
        internal_port = 8080
        processes = ["web"]
        auto_stop_machines = "\(autostop)"
        auto_start_machines = true
        min_machines_running = \(min)

        [http_service.concurrency]
        type = "requests"
        soft_limit = \(softLimit)

        [[http_service.checks]]
        interval = "1s"
        timeout = "1s"
        path = "/health"
        """
    }

    static let wake = WakeRequest(app: "idle", group: "web", internalPort: 8080)

    @Test func idleMachinesStopOnePerPassDownToMinMachinesRunningAndAWakeBringsOneBack() async throws {
        try await AutoscaleHarness.run { harness, supervisor in
            try harness.writeApp(Self.app("idle", autostop: "stop", min: 1), files: ["server.py": AppScripts.server])
            _ = try await harness.up(.shared, on: supervisor)
            _ = try await supervisor.scale(app: "idle", counts: ["web": 3])

            let down = await harness.eventuallyAsync(timeout: .seconds(60)) {
                await AutoscaleHarness.running(supervisor, "idle").count == 1
            }
            #expect(down)
            let history = await supervisor.autostopHistory
            #expect(history.allSatisfy { $0.actions.count <= 1 }, "at most one machine per pass per service")
            withKnownIssue("the pass history can miss a stop on a loaded host", isIntermittent: true) {
                #expect(history.flatMap(\.actions).count >= 2)
            }

            // Stopped by autostop: not wanted, so the restart policy leaves them alone.
            let stopped = try harness.machines("idle").filter { $0.state == .stopped }
            #expect(stopped.count == 2)
            for record in stopped {
                let events = try harness.store.events(machine: record.id)
                #expect(events.contains { $0.type == .stop && $0.source.rawValue == "proxy"
                    && ($0.payload.reason ?? "").contains("autostop") })
                #expect(await supervisor.machines[record.id]?.wanted == false)
            }
            let passes = await supervisor.autostopHistory.count
            _ = await harness.eventuallyAsync { await supervisor.autostopHistory.count >= passes + 2 }
            #expect(await AutoscaleHarness.running(supervisor, "idle").count == 1, "min_machines_running stays")
            #expect(try harness.machines("idle").filter { $0.state == .stopped }.count == 2, "nothing restarted them")

            // A wake starts one and returns once it is a ready target.
            #expect(await supervisor.wake(Self.wake))
            let routes = try #require(await supervisor.routingTable().app("idle")?.services.first)
            let woken = try #require(routes.ready.first { target in stopped.contains { $0.id == target.machineID } })
            #expect(PlainHTTPGet.get(woken.host, woken.port, "/") == woken.machineID)
            let events = try harness.store.events(machine: woken.machineID)
            #expect(events.contains { $0.type == .start && $0.payload.reason == "started by the proxy" })

            // A later `up` is not failed by machines autostop stopped.
            _ = try await harness.up(.shared, on: supervisor)
        }
    }

    @Test(arguments: TestHost.modes) func suspendFreezesTheIdleMachineAndAWakeThawsIt(_ modeName: String) async throws {
        try await AutoscaleHarness.run { harness, supervisor in
            try harness.writeApp(Self.app("idle", autostop: "suspend", min: 0), files: ["server.py": AppScripts.server])
            _ = try await harness.up(RuntimeMode(testName: modeName), on: supervisor)
            let id = try #require(try harness.machines("idle").first?.id)

            let suspended = await harness.eventually(timeout: .seconds(60)) {
                try harness.store.machine(id: id)?.state == .suspended
            }
            #expect(suspended)
            let process = try #require(await supervisor.machines[id]?.process)
            #expect(process.isFrozen, "the machine's cgroup (or its processes) is frozen")
            #expect(MachineProcess.isAlive(pid: process.pid, startTime: process.startTime))
            let table = await supervisor.routingTable()
            #expect(table.app("idle")?.services.first?.targets.first?.state == .suspended)
            let events = try harness.store.events(machine: id)
            #expect(events.contains { $0.type == .suspend && $0.source.rawValue == "proxy" })

            #expect(await supervisor.wake(Self.wake))
            #expect(!process.isFrozen)
            #expect(try harness.store.machine(id: id)?.state == .started)
            let target = try #require(await supervisor.routingTable().app("idle")?.services.first?.ready.first)
            #expect(target.machineID == id)
            #expect(PlainHTTPGet.get(target.host, target.port, "/") == id, "the same process answers again")
            #expect(try harness.store.events(machine: id).contains { $0.payload.reason == "resumed by the proxy" })
        }
    }

    @Test func aMachineWithWorkInFlightIsNeverStopped() async throws {
        try await AutoscaleHarness.run { harness, supervisor in
            try harness.writeApp(Self.app("idle", autostop: "stop", min: 0), files: ["server.py": AppScripts.server])
            // The first machine `up` creates is busy from the moment it exists: the reporter runs
            // before `up`, as a proxy would.
            let reporter = Task {
                while !Task.isCancelled {
                    if let first = try? harness.machines("idle").min(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) {
                        await supervisor.report(LoadReport(app: "idle", inFlight: [first.id: 1]))
                    }
                    try? await Task.sleep(for: .milliseconds(20))
                }
            }
            defer { reporter.cancel() }
            _ = try await harness.up(.shared, on: supervisor)
            let busy = try #require(try harness.machines("idle").first?.id)
            _ = try await supervisor.scale(app: "idle", counts: ["web": 2])
            let other = try #require(try harness.machines("idle").first { $0.id != busy }?.id)
            let idleStopped = await harness.eventually(timeout: .seconds(60)) {
                try harness.store.machine(id: other)?.state == .stopped
            }
            #expect(idleStopped)
            let passes = await supervisor.autostopHistory.count
            _ = await harness.eventuallyAsync { await supervisor.autostopHistory.count >= passes + 3 }
            #expect(try harness.store.machine(id: busy)?.state == .started)
            #expect(await supervisor.autostopHistory.flatMap(\.actions).allSatisfy { $0.machine != busy })
            reporter.cancel()
        }
    }

    @Test func concurrentWakesShareOneStart() async throws {
        try await AutoscaleHarness.run { harness, supervisor in
            try harness.writeApp(Self.app("idle", autostop: "off", min: 0), files: ["server.py": AppScripts.server])
            _ = try await harness.up(.shared, on: supervisor)
            _ = try await supervisor.scale(app: "idle", counts: ["web": 3])
            for record in try harness.machines("idle") {
                _ = try await supervisor.machineAction(app: "idle", machine: record.id, action: .stop)
            }
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<5 { group.addTask { await supervisor.wake(Self.wake) } }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results == [true, true, true, true, true])
            #expect(try harness.machines("idle").filter { $0.state == .started }.count == 1)
            #expect(await AutoscaleHarness.running(supervisor, "idle").count == 1)
        }
    }

    @Test func demandBeyondTheSoftLimitStartsAnotherMachine() async throws {
        try await AutoscaleHarness.run { harness, supervisor in
            try harness.writeApp(
                Self.app("idle", autostop: "off", min: 0, softLimit: 2), files: ["server.py": AppScripts.server])
            _ = try await harness.up(.shared, on: supervisor)
            _ = try await supervisor.scale(app: "idle", counts: ["web": 3])
            for record in try harness.machines("idle") {
                _ = try await supervisor.machineAction(app: "idle", machine: record.id, action: .stop)
            }
            // Wakes of one start: two (its soft limit); the third one starts a second machine.
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<3 { group.addTask { await supervisor.wake(Self.wake) } }
                for await woke in group { #expect(woke) }
            }
            let started = try harness.machines("idle").filter { $0.state == .started }.count
            #expect(started >= 1 && started <= 2)
        }
    }

    @Test func nothingToWakeWithAutostartOff() async throws {
        try await AutoscaleHarness.run { harness, supervisor in
            let toml = Self.app("idle", autostop: "off", min: 0)
                .replacingOccurrences(of: "auto_start_machines = true", with: "auto_start_machines = false")
            try harness.writeApp(toml, files: ["server.py": AppScripts.server])
            _ = try await harness.up(.shared, on: supervisor)
            let id = try #require(try harness.machines("idle").first?.id)
            _ = try await supervisor.machineAction(app: "idle", machine: id, action: .stop)
            #expect(await supervisor.wake(Self.wake) == false)
            #expect(await supervisor.wake(WakeRequest(app: "nope", group: "web", internalPort: 8080)) == false)
            #expect(try harness.store.machine(id: id)?.state == .stopped)
        }
    }
}

/// A `SupervisorHarness` with a second supervisor whose autostop pass is short; that supervisor's
/// machines are stopped before the harness cleans up.
enum AutoscaleHarness {
    static func run(_ body: (SupervisorHarness, Supervisor) async throws -> Void) async throws {
        try await SupervisorHarness.run { harness in
            var options = SupervisorHarness.options()
            options.autostopInterval = .milliseconds(400)
            options.wakeTimeout = .seconds(30)
            let supervisor = Supervisor(store: harness.store, options: options)
            do {
                try await body(harness, supervisor)
            } catch {
                await supervisor.stopAll()
                await supervisor.detach()
                throw error
            }
            await supervisor.stopAll()
            await supervisor.detach()
        }
    }

    /// The app's machines whose process runs and is not frozen.
    static func running(_ supervisor: Supervisor, _ app: String) async -> [String] {
        await supervisor.machines.values.filter { $0.app == app && $0.isRunning && !$0.suspended }.map(\.id)
    }
}
