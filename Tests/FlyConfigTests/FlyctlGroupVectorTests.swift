import Foundation
import Testing
@testable import FlyConfig

/// The `tomachine-*` vectors: per-group results (guests, mounts, services, checks).
@Suite struct FlyctlGroupVectorTests {
    @Test func computeWithoutDefault() throws {
        let c = FlyctlVectors.config("tomachine-compute-nodefault.toml")
        #expect(c.processNames == ["app", "bar", "woo"])
        #expect(try c.guest(for: "bar") == Guest(cpuKind: "performance", cpus: 4, memoryMB: 8192))
        #expect(try c.guest(for: "app") == nil)
        #expect(try c.guest(for: "woo") == nil)
    }

    @Test func computeGlobalSpecificAndGPU() throws {
        let c = FlyctlVectors.config("tomachine-compute.toml")
        #expect(c.vm?.count == 3, "[[compute]] is an alias of [[vm]]")
        #expect(try c.guest(for: "app") == Guest(cpuKind: "shared", cpus: 2, memoryMB: 512))
        #expect(try c.guest(for: "worker") == Guest(cpuKind: "shared", cpus: 2, memoryMB: 512))
        var whisper = Guest(cpuKind: "performance", cpus: 8, memoryMB: 65536)
        whisper.gpuKind = "a100-pcie-40gb"
        #expect(try c.guest(for: "whisper") == whisper)
        var isolated = Guest(cpuKind: "shared", cpus: 1, memoryMB: 256)
        isolated.hostDedicationID = "lookma-iamsolo"
        #expect(try c.guest(for: "isolated") == isolated)
    }

    @Test func defaultForNewAppsBorrowsTheCheckPort() throws {
        let c = FlyctlVectors.config("tomachine-default-for-new-apps.toml")
        let services = c.services(for: "app")
        #expect(services.count == 1)
        let s = try #require(services.first)
        #expect(s.origin == .httpService)
        #expect(s.protocol == "tcp")
        #expect(s.internalPort == 8080)
        var http = ServicePort(port: 80, handlers: ["http"])
        http.forceHTTPS = true
        #expect(s.ports == [http, ServicePort(port: 443, handlers: ["http", "tls"])])
        let checks = c.checks(for: "app")
        #expect(checks.map(\.name) == ["alive"])
        let alive = try #require(checks.first)
        #expect(alive.port == 8080)
        #expect(alive.check.type == "tcp")
        #expect(alive.check.interval == .seconds(15))
        #expect(alive.check.timeout == .seconds(2))
        #expect(alive.check.gracePeriod == .seconds(5))
        var without = c
        without.httpService = nil
        #expect(without.checks(for: "app").first?.port == nil, "no port without http_service")
    }

    @Test func experimentalInit() throws {
        let c = FlyctlVectors.config("tomachine-experimental.toml")
        #expect(c.experimental?.cmd == ["/call", "me"])
        #expect(c.experimental?.entrypoint == ["/IgoFirst"])
        #expect(c.experimental?.exec == ["ignore", "others"])
        #expect(c.command(for: "app") == nil)
    }

    @Test func hostDedicationPrecedence() throws {
        let c = FlyctlVectors.config("tomachine-hostdedicationid.toml")
        #expect(c.flattened(for: "front").hostDedicationID == "toplevel")
        #expect(try c.guest(for: "front") == nil)
        #expect(c.flattened(for: "back").hostDedicationID == "specific")
        var back = Guest(cpuKind: "shared", cpus: 1, memoryMB: 256)
        back.hostDedicationID = "specific"
        #expect(try c.guest(for: "back") == back)
        var other = Guest(cpuKind: "shared", cpus: 4, memoryMB: 1024)
        other.hostDedicationID = "toplevel"
        #expect(try c.guest(for: "other") == other)
        #expect(c.hostDedicationID(for: "other") == "toplevel")
    }

    @Test func machineChecks() throws {
        let c = FlyctlVectors.config("tomachine-machinechecks.toml")
        #expect(c.processNames.count == 3)
        let check = c.httpService?.machineChecks?.first
        #expect(check?.command == ["curl", "https://fly.io"])
        #expect(check?.image == "curlimages/curl")
        #expect(check?.entrypoint == ["/bin/sh"])
        for group in ["greeting", "salutation"] {
            #expect(c.machineChecks(for: group).count == 1)
        }
        #expect(c.machineChecks(for: "farewell").isEmpty)
    }

    @Test func mountsPerGroup() throws {
        let c = FlyctlVectors.config("tomachine-mounts.toml")
        #expect(c.mounts(for: "app") == [Mount(source: "data", destination: "/data")])
        var trash = Mount(source: "trash", destination: "/trash")
        trash.processes = ["back"]
        #expect(c.mounts(for: "back") == [trash])
        #expect(c.mounts(for: "hola").isEmpty)
    }

    @Test func servicesAndChecksPerGroup() throws {
        let c = FlyctlVectors.config("tomachine-processgroups.toml")
        #expect(c.command(for: "app") == "run-nginx")
        #expect(try CommandLineSplitter.split(c.command(for: "foo") ?? "") == ["keep", "me", "alive"])
        let app = c.services(for: "app")
        #expect(app.map(\.origin) == [.httpService, .services])
        #expect(app.map(\.internalPort) == [8080, 1111])
        #expect(app.first?.ports?.map(\.port) == [80, 443])
        #expect(app.map(\.configPath) == ["http_service", "services[1]"])
        #expect(c.checks(for: "app").map(\.name) == ["listening"])
        #expect(c.checks(for: "app").first?.port == 8080)
        let vpn = c.services(for: "vpn")
        #expect(vpn.map(\.protocol) == ["udp", "tcp"])
        #expect(vpn.map(\.internalPort) == [9999, 1111])
        #expect(c.checks(for: "vpn").isEmpty)
        #expect(c.services(for: "foo").map(\.internalPort) == [1111])
        #expect(c.checks(for: "foo").map(\.name) == ["listening"])
        let flat = c.flattened(for: "vpn")
        #expect(flat.processes == ["vpn": "run-tailscale"])
        #expect(flat.httpService == nil)
        #expect(flat.services?.map(\.processes) == [["vpn"], ["vpn"]])
        #expect(flat.checks == nil)
    }

    @Test func autostartAutostopPassThrough() throws {
        let c = FlyctlVectors.config("tomachine-services.toml")
        let services = c.services(for: "app")
        #expect(services.map(\.internalPort) == [8080, 1000, 1001, 1002, 1003, 1004])
        #expect(services.map(\.autoStartMachines) == [true, true, false, false, nil, nil])
        #expect(services.map(\.autoStopMachines) == [.stop, .stop, .off, nil, .stop, nil])
        #expect(services.first?.ports?.count == 2)
        let json = ConfigRenderer.json(c)
        #expect(json.contains("\"auto_stop_machines\" : \"stop\""))
    }

    @Test func tomachineFull() throws {
        let c = FlyctlVectors.config("tomachine.toml")
        #expect(c.env == ["FOO": "BAR"])
        #expect(c.metrics(for: "app") == Metrics(port: 9999, path: "/metrics"))
        #expect(c.statics?.first?.guestPath == "/guest/path")
        #expect(c.mounts(for: "app") == [Mount(source: "data", destination: "/data")])
        let checks = c.checks(for: "app")
        #expect(checks.map(\.name) == ["listening", "status"])
        #expect(checks.map(\.port) == [8080, 8080])
        #expect(checks[1].check.interval == .seconds(10))
        #expect(checks[1].check.timeout == .seconds(1))
        #expect(c.killTimeout == .seconds(10))
        #expect(c.killSignal == "SIGTERM")
        #expect(c.swapSizeMB == 512)
        #expect(c.restart(for: "app")?.policy == "always")
        #expect(c.effectiveMachineConfig == "{\"dns\": {\"nameservers\": [\"1.2.3.4\"]}}")
        #expect(try CommandLineSplitter.split(c.deploy?.releaseCommand ?? "") == ["migrate-db"])
        #expect(c.deploy?.releaseCommandTimeout?.description == "3m0s")
        let releaseVM = try #require(c.deploy?.releaseCommandVM)
        #expect(try Guest.compute(from: releaseVM, topLevelHostDedicationID: nil) == Guest(cpuKind: "performance", cpus: 2, memoryMB: 4096))
        #expect(try c.guest(for: "app") == nil)
    }

    @Test func validateGroupsMountsPerGroup() throws {
        let c = FlyctlVectors.config("validate-groups.toml")
        #expect(c.mounts(for: "app").count == 1)
        #expect(c.mounts(for: "foo").isEmpty)
        let s = FlyctlVectors.config("validate-services.toml")
        #expect(s.services(for: "success").count == 1)
        #expect(s.services(for: "app").count == 1, "the processes-less service belongs to the default group")
    }
}
