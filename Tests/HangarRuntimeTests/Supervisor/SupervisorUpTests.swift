import Foundation
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// `up` of a two-group app: every machine started with its checks passing, and the environment
/// Fly gives a machine.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorUpTests {
    static let twoGroups = """
        app = "two-groups"
        primary_region = "ams"
        kill_timeout = "2s"

        [env]
        GREETING = "from-env"
        SHARED = "env-value"

        [processes]
        web = "PY server.py"
        worker = "PY worker.py"

        [http_service]
        internal_port = 8080
        processes = ["web"]

        [[http_service.checks]]
        interval = "1s"
        timeout = "1s"
        grace_period = "2s"
        method = "GET"
        path = "/health"

        [[vm]]
        memory = "256mb"
        """

    @Test(arguments: TestHost.modes) func twoGroupsComeUpHealthyWithFlysEnvironment(_ modeName: String) async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.twoGroups, files: ["server.py": AppScripts.server, "worker.py": AppScripts.worker])
            let mode = RuntimeMode(testName: modeName)
            let status = try await harness.up(mode)
            #expect(status.app == "two-groups")
            #expect(status.mode == mode)
            #expect(status.machines.count == 2)
            #expect(Set(status.machines.map(\.group)) == ["web", "worker"])
            #expect(status.machines.allSatisfy { $0.state == "started" })
            let web = try #require(status.machines.first { $0.group == "web" })
            let worker = try #require(status.machines.first { $0.group == "worker" })
            #expect(web.checks.map(\.status) == ["passing"])
            #expect(web.checks.first?.name == "http-8080-GET")
            #expect(worker.checks.isEmpty)
            #expect(web.memoryMB == 256)
            if mode == .isolated {
                #expect(web.address?.hasPrefix("169.254.") == true)
                #expect(web.port == nil)
            } else {
                #expect(web.address == "127.0.0.1")
                #expect(web.port != nil)
            }
            #expect(status.notes.contains { $0.hasPrefix("mode \(modeName)") })

            // A secret set afterwards reaches the machines on the next `up`, and wins over [env].
            _ = try await harness.supervisor.setSecrets(app: "two-groups", values: ["SHARED": "secret-value"])
            let again = try await harness.up(mode)
            let newWeb = try #require(again.machines.first { $0.group == "web" })
            #expect(newWeb.id == web.id, "the machine keeps its id")
            #expect(newWeb.version != web.version, "a new spec is a new version")
            let (host, port) = harness.endpoint(newWeb)
            let body = try #require(PlainHTTPGet.get(host, port, "/env"))
            let env = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
            #expect(env["SHARED"] == "secret-value")
            #expect(env["GREETING"] == "from-env")
            #expect(env["FLY_APP_NAME"] == "two-groups")
            #expect(env["FLY_MACHINE_ID"] == web.id)
            #expect(env["FLY_ALLOC_ID"] == web.id)
            #expect(env["FLY_REGION"] == "local")
            #expect(env["PRIMARY_REGION"] == "ams")
            #expect(env["FLY_PROCESS_GROUP"] == "web")
            #expect(env["FLY_VM_MEMORY_MB"] == "256")
            #expect(env["FLY_PRIVATE_IP"] == newWeb.address)
            #expect(env["FLY_MACHINE_VERSION"] == newWeb.version)
            #expect(env["FLY_IMAGE_REF"] == "hangar/two-groups:\(newWeb.version.lowercased())")
            #expect(env["PORT"] == newWeb.port.map(String.init))
            #expect(env["PATH"] != nil)

            // Every transition is an event: launch, start (starting), start (started).
            let events = try await harness.supervisor.events(app: "two-groups", machine: worker.id, limit: 20)
            #expect(events.reversed().prefix(3).map { "\($0.type)/\($0.status)" }
                == ["launch/created", "start/starting", "start/started"])

            let down = try await harness.supervisor.down(app: "two-groups")
            #expect(down.machines.allSatisfy { $0.state == "stopped" })
            // (An address with no machine may still answer through the host's default route.)
            #expect(PlainHTTPGet.get(host, port, "/health") != "ok")
        }
    }

    @Test func anInvalidConfigIsRefusedWithPositions() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp("""
                app = "broken"
                [http_service]
                internal_port = "eighty"
                """)
            do throws(ControlError) {
                _ = try await harness.up(.shared)
                Issue.record("up accepted an invalid config")
            } catch {
                #expect(error.kind == .invalidConfig)
                #expect(error.message.contains("fly.toml:3:"), "\(error.message)")
            }
            #expect(try harness.store.apps().isEmpty, "nothing was registered")
        }
    }

    @Test func hostileInputIsRefusedAndChangesNothing() async throws {
        try await SupervisorHarness.run { harness in
            let supervisor = harness.supervisor
            await #expect(throws: ControlError(.notFound, "app nope is not registered (run `hangar up` in its directory first)")) {
                try await supervisor.status(app: "nope")
            }
            try harness.writeApp("""
                app = "quiet"
                [processes]
                app = "PY worker.py"
                """, files: ["worker.py": AppScripts.worker])
            _ = try await harness.up(.shared)
            let kinds: [ControlError.Kind?] = [
                await Self.kind { try await supervisor.machineAction(app: "quiet", machine: "../etc", action: .stop) },
                await Self.kind { try await supervisor.machineAction(app: "quiet", machine: "0123456789abcd", action: .stop) },
                await Self.kind { try await supervisor.createVolume(app: "quiet", name: "../x", sizeGB: 1) },
                await Self.kind { try await supervisor.createVolume(app: "quiet", name: "data", sizeGB: 0) },
                await Self.kind { try await supervisor.setSecrets(app: "quiet", values: ["1BAD": "x"]) },
                await Self.kind { try await supervisor.scale(app: "quiet", counts: ["nope": 2]) },
                await Self.kind { try await supervisor.scale(app: "quiet", counts: ["app": -1]) },
                await Self.kind { try await supervisor.logs(LogQuery(app: "quiet", tail: 0)) },
            ]
            #expect(kinds == [.invalid, .notFound, .invalid, .invalid, .invalid, .invalid, .invalid, .invalid])
            do throws(ControlError) {
                _ = try await supervisor.scale(app: "quiet", counts: ["nope": 2])
            } catch {
                #expect(error.message.contains("the app's groups are: app"))
            }
            #expect(try harness.store.volumes(app: "quiet").isEmpty)
            #expect(try harness.store.secrets(app: "quiet").isEmpty)
            #expect(try harness.machines("quiet").count == 1)
        }
    }

    static func kind<T>(_ body: () async throws -> T) async -> ControlError.Kind? {
        do {
            _ = try await body()
            return nil
        } catch {
            return (error as? ControlError)?.kind
        }
    }
}
