import FlyConfig
import HangarCore
import Testing
@testable import HangarExport

@Suite struct CommonMappingTests {
    @Test func namesAreDNSLabels() {
        #expect(ExportNames.label("My_App", "web") == "my-app-web")
        #expect(ExportNames.label("0day") == "app-0day")
        #expect(ExportNames.label("--a..b--") == "a-b")
        #expect(ExportNames.label(String(repeating: "x", count: 80)).count == 63)
        #expect(ExportNames.label("") == "app")
        #expect(ExportNames.portName("TCP", 123456) == "tcp-123456")
    }

    @Test func sharedCPUsReserveASixteenth() {
        #expect(ResourceMapping.kubernetesCPURequest(Guest(cpuKind: "shared", cpus: 1, memoryMB: 256)) == "63m")
        #expect(ResourceMapping.kubernetesCPURequest(Guest(cpuKind: "shared", cpus: 8, memoryMB: 2048)) == "500m")
        #expect(ResourceMapping.kubernetesCPURequest(Guest(cpuKind: "performance", cpus: 4, memoryMB: 8192)) == "4")
        #expect(ResourceMapping.nomadSharedMHz(Guest(cpuKind: "shared", cpus: 2, memoryMB: 512)) == 250)
        #expect(ResourceMapping.composeCPUReservation(Guest(cpuKind: "shared", cpus: 1, memoryMB: 256)) == "0.0625")
        #expect(ResourceMapping.composeCPUReservation(Guest(cpuKind: "shared", cpus: 8, memoryMB: 256)) == "0.5")
    }

    @Test func durations() {
        #expect(ResourceMapping.seconds(.milliseconds(1500)) == 2)
        #expect(ResourceMapping.seconds(.milliseconds(0), minimum: 1) == 1)
        #expect(ResourceMapping.seconds(FlyDuration(nanoseconds: -5)) == 0)
        #expect(ResourceMapping.goDuration(.milliseconds(200), minimum: .seconds(1)) == "1s")
        #expect(ResourceMapping.goDuration(.seconds(90)) == "1m30s")
    }

    @Test func oneCheckPerContainer() {
        let tcp = CheckSpec(name: "tcp-8080", kind: .tcp, origin: .service, port: 8080)
        let http = CheckSpec(name: "http-8080-GET", kind: .http, origin: .service, port: 8080, path: "/")
        let other = CheckSpec(name: "tcp-9000", kind: .tcp, origin: .service, port: 9000)
        #expect(CheckSelection.primary([tcp, http]) == CheckSelection.Choice(chosen: http, leftOut: []))
        #expect(CheckSelection.primary([tcp, other]) == CheckSelection.Choice(chosen: tcp, leftOut: [other]))
        #expect(CheckSelection.primary([]).chosen == nil)
    }

    @Test func privateNetworkNames() {
        #expect(PrivateNetworkHints.hosts(in: "postgres://u@db.process.app.internal:5432/x") == ["db.process.app.internal"])
        #expect(PrivateNetworkHints.hosts(in: "http://app.flycast, top1.nearest.of.app.internal.") == ["app.flycast", "top1.nearest.of.app.internal"])
        #expect(PrivateNetworkHints.hosts(in: "internal") == [])
        #expect(PrivateNetworkHints.group(of: "db.process.app.internal") == "db")
        #expect(PrivateNetworkHints.group(of: "app.internal") == nil)
    }

    @Test func containerOverridesFollowFly() throws {
        let c = try ExportFixtures.config(text: """
            app = "a"
            [experimental]
            cmd = ["fallback"]
            [processes]
            web = "serve --port 1"
            worker = ""
            """)
        #expect(ContainerCommand.overrides(group: "web", config: c) == ContainerCommand(entrypoint: nil, cmd: ["serve", "--port", "1"]))
        #expect(ContainerCommand.overrides(group: "worker", config: c) == ContainerCommand(entrypoint: nil, cmd: ["fallback"]))
        let exec = try ExportFixtures.config(text: "app = \"a\"\n[experimental]\nexec = [\"/bin/app\", \"-x\"]\n")
        #expect(ContainerCommand.overrides(group: "app", config: exec) == ContainerCommand(entrypoint: ["/bin/app", "-x"], cmd: []))
        let none = try ExportFixtures.config(text: "app = \"a\"\n")
        #expect(ContainerCommand.overrides(group: "app", config: none) == ContainerCommand(entrypoint: nil, cmd: nil))
    }

    @Test func everyWarningSaysWhatToDoInstead() throws {
        for example in ExportFixtures.examples {
            for format in ExportFormat.allCases {
                for warning in try ExportFixtures.renderExample(example, format).warnings {
                    #expect(!warning.key.isEmpty && !warning.message.isEmpty && !warning.instead.isEmpty)
                    #expect(warning.description.hasPrefix("warning: \(warning.key): "))
                }
            }
        }
    }

    @Test func keysNoTargetHasAreWarnedEverywhere() throws {
        let text = """
            app = "a"
            console_command = "/app/bin/console"
            host_dedication_id = "h1"
            [deploy]
            seed_command = "bin/seed"
            [experimental]
            enable_consul = true
            [[statics]]
            guest_path = "/app/public"
            url_prefix = "/assets"
            [[mounts]]
            source = "d"
            destination = "/d"
            snapshot_retention = 7
            auto_extend_size_threshold = 80
            [[machine_checks]]
            command = ["true"]
            """
        for format in ExportFormat.allCases {
            let keys = Set(try ExportFixtures.render(text, format).warnings.map(\.key))
            for key in [
                "console_command", "host_dedication_id", "deploy.seed_command", "experimental.enable_consul", "statics[0]",
                "mounts[0].snapshot_retention", "mounts[0].auto_extend_size_threshold", "machine_checks",
            ] {
                #expect(keys.contains(key), "\(format): \(key)")
            }
        }
    }
}
