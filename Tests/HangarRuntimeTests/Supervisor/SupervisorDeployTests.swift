import Foundation
import Glibc
import HangarCore
import HangarStore
import Synchronization
import Testing
@testable import HangarRuntime

/// `deploy`: releases, strategies, fail-fast, automatic rollback, release_command, and recovery of
/// a deploy a daemon restart interrupted. Machines run in shared mode (any host).
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"), .serialized)
struct SupervisorDeployTests {
    static func app(tag: String, command: String = "PY server.py", strategy: String = "rolling", extra: String = "") -> String {
        """
        app = "deploy-app"
        kill_signal = "SIGTERM"
        kill_timeout = "2s"

        [env]
        TAG = "\(tag)"

        [deploy]
        strategy = "\(strategy)"
        max_unavailable = 1
        \(extra)

        [processes]
        web = "\(command)"

        [[services]]
        internal_port = 8080
        protocol = "tcp"
        processes = ["web"]
          [[services.ports]]
          port = 80
          [[services.http_checks]]
          interval = "1s"
          timeout = "1s"
          grace_period = "0s"
          path = "/health"
        """
    }

    /// Two started web machines on release `one`.
    static func start(_ harness: SupervisorHarness, count: Int = 2) async throws {
        try harness.writeApp(Self.app(tag: "one"), files: ["server.py": AppScripts.server])
        _ = try await harness.up(.shared)
        _ = try await harness.supervisor.scale(app: "deploy-app", counts: ["web": count])
    }

    static func deploy(
        _ harness: SupervisorHarness, strategy: DeploySpec.Strategy? = nil, timeout: Int = 120, rollback: Bool = true,
        on supervisor: Supervisor? = nil
    ) async throws(ControlError) -> DeployResult {
        try await (supervisor ?? harness.supervisor).deploy(
            DeployRequest(
                configPath: harness.appDirectory + "/fly.toml", strategy: strategy, waitTimeoutSeconds: timeout,
                autoRollback: rollback))
    }

    /// The TAG every started web machine reports in its environment.
    static func tags(_ harness: SupervisorHarness) async throws -> [String] {
        let status = try await harness.supervisor.status(app: "deploy-app")
        return status.machines.filter { $0.state == "started" }.map { machine in
            let (host, port) = harness.endpoint(machine)
            let body = PlainHTTPGet.get(host, port, "/env") ?? ""
            let env = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: String]
            return env?["TAG"] ?? "?"
        }
    }

    @Test func rollingDeployUnderLoadFailsNoRequestAndEndsOnTheNewRelease() async throws {
        try await SupervisorHarness.run { harness in
            try await Self.start(harness, count: 3)
            let before = try harness.machines("deploy-app")
            try harness.writeApp(Self.app(tag: "two"), files: ["server.py": AppScripts.server])
            let load = DeployLoad(supervisor: harness.supervisor, app: "deploy-app")
            let client = Task { await load.run() }
            let result = try await Self.deploy(harness)
            load.stop()
            let counts = await client.value
            #expect(result.outcome == .deployed)
            #expect(counts.failed == 0, "failed requests: \(counts.errors.prefix(5))")
            #expect(counts.succeeded > 0)
            let after = try harness.machines("deploy-app")
            #expect(Set(after.map(\.id)) == Set(before.map(\.id)))
            for machine in after {
                #expect(machine.version != before.first { $0.id == machine.id }?.version)
                #expect(machine.spec.env["TAG"] == "two")
            }
            #expect(try await Self.tags(harness) == ["two", "two", "two"])
            let releases = try harness.store.releases(app: "deploy-app")
            #expect(releases.first?.status == .complete)
            #expect(releases.first?.description == "deploy")
            let status = try await harness.supervisor.status(app: "deploy-app")
            #expect(status.release?.version == releases.first?.version)
            #expect(status.deploy == nil)
            // The same files again: nothing to do.
            let again = try await Self.deploy(harness)
            #expect(again.outcome == .unchanged)
            #expect(again.notes.contains { $0.contains("nothing to deploy") })
        }
    }

    @Test func aCrashingReleaseFailsFastAndIsRolledBack() async throws {
        try await SupervisorHarness.run { harness in
            try await Self.start(harness)
            try harness.writeApp(Self.app(tag: "two", command: "sh -c 'echo boom before start; exit 7'"))
            let begun = ContinuousClock.now
            do throws(ControlError) {
                _ = try await Self.deploy(harness, timeout: 600)
                Issue.record("a deploy whose machines crash must fail")
            } catch {
                #expect(error.kind == .failed)
                #expect(error.message.contains("exit code 7"))
                #expect(error.message.contains("boom before start"))
                #expect(error.message.contains("rolled back"))
                let ids = try harness.machines("deploy-app").map(\.id)
                #expect(ids.contains { error.message.contains($0) })
            }
            // Far from the 10 minute wait timeout: it failed on the crash.
            #expect(begun.duration(to: .now) < .seconds(120))
            #expect(try await Self.tags(harness) == ["one", "one"])
            let machines = try harness.machines("deploy-app")
            #expect(machines.allSatisfy { $0.state == .started && $0.spec.env["TAG"] == "one" })
            let deploy = try #require(try harness.store.deploys(app: "deploy-app").first)
            #expect(deploy.status == .rolledBack)
            #expect(try harness.store.releases(app: "deploy-app").first?.status == .rolledBack)
        }
    }

    @Test func withoutRollbackAFailedDeployIsLeftAsItIs() async throws {
        try await SupervisorHarness.run { harness in
            try await Self.start(harness)
            try harness.writeApp(Self.app(tag: "two", command: "sh -c 'exit 5'"))
            await #expect(throws: ControlError.self) { try await Self.deploy(harness, rollback: false) }
            let deploy = try #require(try harness.store.deploys(app: "deploy-app").first)
            #expect(deploy.status == .failed)
            #expect(deploy.message.contains("automatic rollback is off"))
            // The spearhead failed; the second machine was never touched.
            let machines = try harness.machines("deploy-app")
            #expect(machines.filter { $0.spec.env["TAG"] == "one" }.count == 1)
        }
    }

    @Test func aFailingReleaseCommandChangesNothing() async throws {
        try await SupervisorHarness.run { harness in
            try await Self.start(harness)
            let before = try harness.machines("deploy-app")
            try harness.writeApp(
                Self.app(tag: "two", extra: "release_command = \"sh -c 'echo migration broke; exit 3'\""))
            do throws(ControlError) {
                _ = try await Self.deploy(harness)
                Issue.record("a failing release_command must abort the deploy")
            } catch {
                #expect(error.message.contains("release_command"))
                #expect(error.message.contains("exit code 3"))
                #expect(error.message.contains("migration broke"))
            }
            let after = try harness.machines("deploy-app")
            for machine in after {
                #expect(machine.version == before.first { $0.id == machine.id }?.version)
            }
            #expect(try await Self.tags(harness) == ["one", "one"])
            #expect(try harness.store.releases(app: "deploy-app").first?.status == .failed)
            #expect(try harness.store.deploys(app: "deploy-app").isEmpty)
        }
    }

    @Test func bluegreenSwitchesOnlyWhenTheWholeGreenSetPasses() async throws {
        try await SupervisorHarness.run { harness in
            try await Self.start(harness)
            let blue = Set(try harness.machines("deploy-app").map(\.id))
            try harness.writeApp(Self.app(tag: "two"), files: ["server.py": AppScripts.server])
            let tables = DeployTables()
            let updates = await harness.supervisor.routingUpdates()
            let watcher = Task {
                for await table in updates {
                    let targets = table.apps.first { $0.app == "deploy-app" }?.services.flatMap(\.targets) ?? []
                    tables.value.withLock { $0.append(targets) }
                }
            }
            let result = try await Self.deploy(harness, strategy: .bluegreen)
            watcher.cancel()
            #expect(result.outcome == .deployed)
            let seen = tables.value.withLock { $0 }
            #expect(!seen.isEmpty)
            for targets in seen {
                let green = targets.filter { !blue.contains($0.machineID) }
                // Some machine is always ready.
                #expect(targets.contains { $0.state == .ready })
                // No green machine takes traffic before every green machine passed.
                if green.contains(where: { $0.state == .ready }) {
                    #expect(green.count == 2)
                    #expect(green.allSatisfy { $0.state == .ready || $0.state == .draining })
                }
            }
            let after = try harness.machines("deploy-app")
            #expect(after.count == 2)
            #expect(blue.isDisjoint(with: after.map(\.id)))
            #expect(try await Self.tags(harness) == ["two", "two"])
        }
    }

    @Test func bluegreenWithoutChecksIsRefusedBeforeAnythingChanges() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(
                """
                app = "deploy-app"
                [processes]
                worker = "PY worker.py"
                """, files: ["worker.py": AppScripts.worker])
            _ = try await harness.up(.shared)
            try harness.writeApp(
                """
                app = "deploy-app"
                [env]
                X = "1"
                [processes]
                worker = "PY worker.py"
                """)
            do throws(ControlError) {
                _ = try await Self.deploy(harness, strategy: .bluegreen)
                Issue.record("bluegreen without checks must be refused")
            } catch {
                #expect(error.kind == .invalid)
                #expect(error.message.contains("health check"))
            }
            #expect(try harness.store.deploys(app: "deploy-app").isEmpty)
        }
    }

    @Test func aDeployInterruptedByADaemonRestartIsRolledBackByTheNextOne() async throws {
        try await SupervisorHarness.run { harness in
            try await Self.start(harness)
            // The new version takes a while to listen, so the deploy is caught mid-way.
            let slow = "import time\ntime.sleep(1.5)\n" + AppScripts.server
            try harness.writeApp(Self.app(tag: "two"), files: ["server.py": slow])
            let deploying = Task { try? await Self.deploy(harness) }
            let midway = await harness.eventually {
                let deploy = try harness.store.deploys(app: "deploy-app").first
                let updated = try harness.machines("deploy-app").contains { $0.spec.env["TAG"] == "two" }
                return deploy?.status == .running && deploy?.step.hasPrefix("1/") == true && updated
            }
            #expect(midway)
            await harness.supervisor.detach()
            _ = await deploying.value
            #expect(try harness.store.deploys(app: "deploy-app").first?.status.isActive == true)

            try harness.writeApp(Self.app(tag: "one"), files: ["server.py": AppScripts.server])
            let next = harness.newSupervisor()
            let recovery = await next.recover()
            #expect(recovery.deploys.count == 1)
            let settled = await harness.eventually(timeout: .seconds(60)) {
                try harness.store.deploys(app: "deploy-app").first?.status.isActive == false
            }
            #expect(settled)
            let deploy = try #require(try harness.store.deploys(app: "deploy-app").first)
            #expect(deploy.status == .rolledBack)
            #expect(deploy.message.contains("daemon restarted"))
            let machines = try harness.machines("deploy-app")
            #expect(machines.count == 2)
            #expect(machines.allSatisfy { $0.spec.env["TAG"] == "one" && $0.state == .started })
            let ready = await harness.eventuallyAsync {
                let status = try await next.status(app: "deploy-app")
                return status.machines.allSatisfy { $0.checks.allSatisfy { $0.status == "passing" } && !$0.checks.isEmpty }
            }
            #expect(ready)
            await next.stopAll()
        }
    }

    @Test func rollbackRedeploysTheEarlierRelease() async throws {
        try await SupervisorHarness.run { harness in
            try await Self.start(harness)
            try harness.writeApp(Self.app(tag: "two"), files: ["server.py": AppScripts.server])
            _ = try await Self.deploy(harness)
            try harness.writeApp(Self.app(tag: "three"), files: ["server.py": AppScripts.server])
            _ = try await Self.deploy(harness)
            #expect(try await Self.tags(harness) == ["three", "three"])
            let result = try await harness.supervisor.rollback(app: "deploy-app", version: nil, waitTimeoutSeconds: 60)
            #expect(result.outcome == .deployed)
            #expect(try await Self.tags(harness) == ["two", "two"])
            let releases = try await harness.supervisor.releases(app: "deploy-app")
            #expect(releases.map(\.version) == [3, 2, 1])
            #expect(releases.first?.description == "rollback to v1")
            #expect(releases.allSatisfy { $0.status == "complete" })
        }
    }

    @Test func rollMachinesRestartsEveryMachineHealthGated() async throws {
        try await SupervisorHarness.run { harness in
            try await Self.start(harness)
            let before = try harness.machines("deploy-app")
            _ = try harness.store.setSecrets(app: "deploy-app", ["API_KEY": "s3cret"])
            _ = try await harness.supervisor.rollMachines(app: "deploy-app", reason: "secrets changed")
            let after = try harness.machines("deploy-app")
            for machine in after {
                #expect(machine.state == .started)
                #expect(machine.version != before.first { $0.id == machine.id }?.version)
                #expect(machine.spec.secretNames == ["API_KEY"])
            }
        }
    }
}

/// A client loop that stands in for the proxy: it always picks a ready target from the
/// supervisor's routing table, reports its in-flight requests as the proxy does (so draining waits
/// for them), and, like Fly's proxy, tries another target when a connection is refused.
final class DeployLoad: Sendable {
    struct Counts: Sendable {
        var succeeded = 0
        var failed = 0
        var errors: [String] = []
    }

    let supervisor: Supervisor
    let app: String
    private let stopped = Atomic<Bool>(false)

    init(supervisor: Supervisor, app: String) {
        self.supervisor = supervisor
        self.app = app
    }

    func stop() { stopped.store(true, ordering: .relaxed) }

    func run() async -> Counts {
        var counts = Counts()
        var turn = 0
        while !stopped.load(ordering: .relaxed) {
            turn += 1
            var outcome = DeployProbe.Outcome.refused
            for attempt in 0..<3 {
                let table = await supervisor.routingTable()
                let ready = (table.apps.first { $0.app == app }?.services.first?.targets ?? []).filter { $0.state == .ready }
                guard !ready.isEmpty else {
                    outcome = .broken("no ready target")
                    break
                }
                let target = ready[(turn + attempt) % ready.count]
                await supervisor.report(LoadReport(app: app, inFlight: [target.machineID: 1]))
                // As the proxy does: the request counts as in flight before the target is confirmed
                // still ready, so a drain that started meanwhile either is seen here or waits for it.
                let still = await supervisor.routingTable().apps.first { $0.app == app }?.services.first?.targets
                    .contains { $0.machineID == target.machineID && $0.state == .ready } ?? false
                guard still else {
                    await supervisor.report(LoadReport(app: app, inFlight: [:]))
                    outcome = .refused
                    continue
                }
                outcome = await Task.detached { DeployProbe.get(target.host, target.port) }.value
                await supervisor.report(LoadReport(app: app, inFlight: [:]))
                if case .refused = outcome { continue }
                break
            }
            switch outcome {
            case .ok: counts.succeeded += 1
            case .refused: counts.failed += 1; counts.errors.append("refused 3 times")
            case .broken(let why): counts.failed += 1; counts.errors.append(why)
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return counts
    }
}

/// One GET that tells a refused connection (safe to retry elsewhere) from a broken response.
enum DeployProbe {
    enum Outcome: Sendable {
        case ok
        case refused
        case broken(String)
    }

    static func get(_ host: String, _ port: Int) -> Outcome {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return .broken("bad host \(host)") }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .broken("no socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return .refused }
        let request = Array("GET / HTTP/1.0\r\nHost: machine\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else {
            return .broken("send failed")
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        return text.hasPrefix("HTTP/1.0 200") || text.hasPrefix("HTTP/1.1 200") ? .ok : .broken("response: \(text.prefix(60))")
    }
}

/// The routing tables a test saw.
final class DeployTables: Sendable {
    let value = Mutex<[[Target]]>([])
}
