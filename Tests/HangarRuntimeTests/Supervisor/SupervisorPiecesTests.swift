import FlyConfig
import Foundation
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// The pure pieces of the supervisor: environment, `.internal` names, addresses, exit words,
/// shared-mode check ports.
@Suite struct SupervisorPiecesTests {
    static func spec(_ text: String, group: String = "app") throws -> MachineSpec {
        let loaded = FlyConfigLoader.load(text: text)
        let config = try #require(loaded.config, "\(loaded.diagnostics)")
        let plan = try Plan.make(config: config)
        return try #require(plan.group(group)).spec
    }

    @Test func environmentLayersEnvThenSecretsThenFlyVariables() throws {
        let spec = try Self.spec("""
            app = "envy"
            primary_region = "ams"
            [experimental]
            cmd = ["run"]
            [env]
            GREETING = "hello"
            SHARED = "from-env"
            PATH = "/app/bin:/usr/bin"
            FLY_REGION = "sneaky"
            [[vm]]
            memory = "512mb"
            """)
        let env = MachineEnvironment.compose(
            spec: spec, secrets: ["SHARED": "from-secret", "TOKEN": "t"],
            identity: MachineEnvironment.Identity(
                machineID: "3d8d9a1c2e4f56", version: "01JABCDEF", privateIP: "169.254.1.3",
                imageRef: MachineEnvironment.imageRef(app: "envy", version: "01JABCDEF"), port: 41234,
                volumePath: "/data"),
            base: ["PATH": "/usr/bin:/bin", "HOME": "/root"])
        #expect(env["GREETING"] == "hello")
        #expect(env["SHARED"] == "from-secret", "a secret wins over [env]")
        #expect(env["TOKEN"] == "t")
        #expect(env["PATH"] == "/app/bin:/usr/bin", "the app's own PATH wins over the daemon's")
        #expect(env["HOME"] == "/root")
        #expect(env["FLY_REGION"] == "local", "Fly's variables win")
        #expect(env["FLY_APP_NAME"] == "envy")
        #expect(env["FLY_MACHINE_ID"] == "3d8d9a1c2e4f56" && env["FLY_ALLOC_ID"] == "3d8d9a1c2e4f56")
        #expect(env["PRIMARY_REGION"] == "ams")
        #expect(env["FLY_PROCESS_GROUP"] == "app")
        #expect(env["FLY_VM_MEMORY_MB"] == "512")
        #expect(env["FLY_PRIVATE_IP"] == "169.254.1.3")
        #expect(env["FLY_MACHINE_VERSION"] == "01JABCDEF")
        #expect(env["FLY_IMAGE_REF"] == "hangar/envy:01jabcdef")
        #expect(env["PORT"] == "41234")
        #expect(env["HANGAR_VOLUME_PATH"] == "/data")
        #expect(env["FLY_PUBLIC_IP"] == nil)
    }

    @Test func inheritedEnvironmentAlwaysHasAPath() {
        #expect(MachineEnvironment.inherited(from: [:]) == ["PATH": MachineEnvironment.defaultPath])
        let base = MachineEnvironment.inherited(from: ["PATH": "/x", "HOME": "/h", "SECRET_OF_DAEMON": "no"])
        #expect(base == ["PATH": "/x", "HOME": "/h"])
    }

    @Test func internalNamesCoverMachineGroupAndApp() {
        let entries = InternalHosts.entries(app: "shop", peers: [
            .init(id: "bbbbbbbbbbbbbb", group: "web", address: "169.254.1.5"),
            .init(id: "aaaaaaaaaaaaaa", group: "worker", address: "169.254.1.3"),
            .init(id: "aaaaaaaaaaaaab", group: "web", address: "169.254.1.7"),
        ])
        #expect(entries.map(\.address) == ["169.254.1.7", "169.254.1.5", "169.254.1.3"])
        #expect(entries[0].names == [
            "aaaaaaaaaaaaab.vm.shop.internal", "web.process.shop.internal", "shop.internal",
        ])
    }

    @Test func machineAddressesRoundTripThroughTheirIPv4() throws {
        for index in [0, 1, 125, 126, 127, 20_000, MachineAddress.capacity - 1] {
            let address = try #require(MachineAddress(index: index))
            #expect(MachineAddress(ipv4: address.ipv4) == address)
        }
        for text in ["127.0.0.1", "169.254.1.2", "169.254.169.5", "169.254.1.255", "169.254.0.3", "x", "", "169.254.1"] {
            #expect(MachineAddress(ipv4: text) == nil, "\(text)")
        }
    }

    @Test func exitsAreRecordedInWords() {
        #expect(ExitRecord.reason(.exited(code: 1)) == "exit code 1")
        #expect(ExitRecord.reason(.signaled(signal: SIGKILL)) == "signal 9 (SIGKILL)")
        #expect(ExitRecord.reason(.oomKilled) == "out of memory")
        #expect(ExitRecord.reason(.killedAfterTimeout) == "killed after kill_timeout")
        #expect(ExitRecord.reason(.execFailed(message: "nope: No such file or directory"))
            == "exec failed: nope: No such file or directory")
        let oom = ExitRecord.machineExit(.oomKilled, requestedStop: false)
        #expect(oom.oomKilled && oom.signal == SIGKILL && oom.reason == "out of memory")
        let stopped = ExitRecord.machineExit(.killedAfterTimeout, requestedStop: true)
        #expect(stopped.requestedStop && stopped.signal == SIGKILL)
        #expect(ExitRecord.fromExitFile("running 12\nexited 3\n", argv: ["x"], workingDirectory: "/") == .exited(code: 3))
        #expect(ExitRecord.fromExitFile("running 12\nsignaled 9\n", argv: ["x"], workingDirectory: "/")
            == .signaled(signal: 9))
        #expect(ExitRecord.fromExitFile("", argv: ["x"], workingDirectory: "/") == nil)
    }

    @Test func sharedModeMovesTheServicePortToPORT() throws {
        let spec = try Self.spec("""
            app = "ports"
            [experimental]
            cmd = ["run"]
            [http_service]
            internal_port = 8080
            [[http_service.checks]]
            path = "/health"
            [checks.admin]
            type = "tcp"
            port = 9000
            [checks.same]
            type = "http"
            port = 8080
            path = "/"
            """)
        #expect(MachineCheckPlan.checks(spec, sharedPort: nil).map(\.port) == [8080, 9000, 8080])
        #expect(MachineCheckPlan.checks(spec, sharedPort: 41000).map(\.port) == [41000, 9000, 41000])
        #expect(MachineCheckPlan.sharedModeNotes(spec).first?.contains("9000") == true)
    }

    @Test func storeRefusalsBecomeControlErrors() {
        #expect(ControlError(StoreError(.invalidInput, "bad")).kind == .invalid)
        #expect(ControlError(StoreError(.notFound, "gone")).kind == .notFound)
        #expect(ControlError(StoreError(.conflict, "busy")).kind == .conflict)
        #expect(ControlError(StoreError(.storage, "disk")).kind == .failed)
    }
}
