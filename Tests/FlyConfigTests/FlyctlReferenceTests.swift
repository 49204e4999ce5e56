import Foundation
import Testing
@testable import FlyConfig

/// `full-reference.toml`: every key, decoded exactly, and the `config show` rendering of it.
@Suite struct FlyctlReferenceTests {
    let c = FlyctlVectors.config("full-reference.toml")

    @Test func topLevel() {
        #expect(c.app == "foo")
        #expect(c.killSignal == "SIGTERM")
        #expect(c.killTimeout == .seconds(3))
        #expect(c.swapSizeMB == 512)
        #expect(c.primaryRegion == "sea")
        #expect(c.consoleCommand == "/bin/bash")
        #expect(c.hostDedicationID == "06031957")
        #expect(c.env == ["FOO": "BAR"])
        #expect(c.processes == ["web": "run web", "task": "task all day"])
        #expect(c.experimental?.cmd == ["cmd"])
        #expect(c.experimental?.entrypoint == ["entrypoint"])
        #expect(c.experimental?.exec == ["exec"])
        #expect(c.experimental?.autoRollback == true)
        #expect(c.experimental?.enableConsul == true)
        #expect(c.experimental?.enableEtcd == true)
    }

    @Test func buildAndDeploy() {
        let b = c.build
        #expect(b?.builder == "dockerfile")
        #expect(b?.image == "foo/fighter")
        #expect(b?.builtin == "whatisthis")
        #expect(b?.dockerfile == "Dockerfile")
        #expect(b?.ignorefile == ".gitignore")
        #expect(b?.buildTarget == "target")
        #expect(b?.buildpacks == ["packme", "well"])
        #expect(b?.settings == ["foo": .string("bar"), "other": .float(2.0)])
        #expect(b?.args == ["param1": "value1", "param2": "value2"])
        let d = c.deploy
        #expect(d?.releaseCommand == "release command")
        #expect(d?.releaseCommandTimeout == FlyDuration(nanoseconds: 3 * FlyDuration.minute))
        #expect(d?.releaseCommandTimeout?.description == "3m0s")
        #expect(d?.releaseCommandVM?.size == "performance-2x")
        #expect(d?.releaseCommandVM?.memory == "8g")
        #expect(d?.strategy == "rolling-eyes")
        #expect(d?.maxUnavailable == 0.2)
    }

    @Test func restartMetricsStaticsFilesMounts() {
        #expect(c.restart == [Restart(policy: "always", retries: 3, processes: ["web"])])
        #expect(c.metrics == [Metrics(port: 9999, path: "/metrics"), Metrics(port: 9998, path: "/metrics", processes: ["web"])])
        #expect(c.statics?.count == 1)
        #expect(c.statics?.first?.tigrisBucket == "example-bucket")
        #expect(c.statics?.first?.indexDocument == "index.html")
        #expect(c.files?.count == 3)
        #expect(c.files?[0].rawValue == "aGVsbG8gd29ybGQK")
        #expect(c.files?[1].secretName == "SUPER_SECRET")
        #expect(c.files?[2].localPath == "/local/path/config.yaml")
        #expect(c.files?[2].processes == ["web"])
        var mount = Mount(source: "data", destination: "/data")
        mount.initialSize = "30gb"
        mount.snapshotRetention = 17
        mount.scheduledSnapshots = true
        #expect(c.mounts == [mount])
    }

    @Test func httpService() throws {
        let h = try #require(c.httpService)
        #expect(h.internalPort == 8080)
        #expect(h.forceHTTPS == true)
        #expect(h.autoStartMachines == false)
        #expect(h.autoStopMachines == .off)
        #expect(h.minMachinesRunning == 0)
        let check = try #require(h.checks?.first)
        #expect(check.interval == FlyDuration(nanoseconds: 81 * FlyDuration.second))
        #expect(check.interval?.description == "1m21s")
        #expect(check.timeout == .seconds(7))
        #expect(check.gracePeriod == .seconds(2))
        #expect(check.method == "GET")
        #expect(check.protocol == "https")
        #expect(check.tlsSkipVerify == true)
        #expect(check.tlsServerName == "sni2.com")
        #expect(check.headers == ["My-Custom-Header": "whatever"])
        #expect(h.machineChecks?.first?.command == ["curl", "https://fly.io"])
        #expect(h.machineChecks?.first?.killTimeout == .seconds(5))
        #expect(h.concurrency == Concurrency(type: "donuts", softLimit: 4, hardLimit: 10))
        #expect(h.tlsOptions?.defaultSelfSigned == false)
        #expect(h.httpOptions?.idleTimeout == 600)
        #expect(h.httpOptions?.response?.headers?["multi-valued"] == .values(["value1", "value2"]))
    }

    @Test func vmChecksServices() throws {
        let vm = try #require(c.vm)
        #expect(vm.count == 2)
        #expect(vm[0].size == "shared-cpu-1x")
        #expect(vm[0].cpuKind == "performance")
        #expect(vm[0].cpus == 8)
        #expect(vm[0].memory == "8gb")
        #expect(vm[0].memoryMB == 8192)
        #expect(vm[0].gpus == 2)
        #expect(vm[0].gpuKind == "a100-pcie-40gb")
        #expect(vm[0].kernelArgs == ["quiet"])
        #expect(vm[0].hostDedicationID == "isolated-xxx")
        #expect(vm[0].processes == ["app"])
        var second = VM()
        second.memoryMB = 4096
        #expect(vm[1] == second)
        let status = try #require(c.checks?["status"])
        #expect(status.port == 2020)
        #expect(status.type == "http")
        #expect(status.gracePeriod == .seconds(27))
        #expect(status.headers?.count == 2)
        #expect(c.machineChecks?.count == 1)
        let s = try #require(c.services?.first)
        #expect(s.internalPort == 8081)
        #expect(s.autoStopMachines == .off)
        #expect(s.minMachinesRunning == 1)
        #expect(s.concurrency == Concurrency(type: "requests", softLimit: 13, hardLimit: 22))
        let port = try #require(s.ports?.first)
        #expect(port.port == 80)
        #expect(port.startPort == 100)
        #expect(port.endPort == 200)
        #expect(port.handlers == ["https"])
        #expect(port.forceHTTPS == true)
        #expect(port.httpOptions?.idleTimeout == 600)
        #expect(s.tcpChecks?.first?.interval == .seconds(21))
        #expect(s.httpChecks?.map(\.path) == ["/", "/check2"])
        #expect(s.httpChecks?[1].method == "POST")
        #expect(s.machineChecks?.count == 1)
    }

    @Test func configShowJSON() throws {
        let json = ConfigRenderer.json(c)
        #expect(json.contains("\"release_command_timeout\" : \"3m0s\""))
        #expect(json.contains("\"interval\" : \"1m21s\""))
        #expect(json.contains("\"auto_stop_machines\" : \"off\""))
        #expect(json.contains("\"memory\" : 8192"))
        #expect(json.contains("\"initial_size\" : \"30gb\""))
        #expect(json.contains("\"process_groups\" : [\n    \"task\",\n    \"web\"\n  ]"))
        #expect(json.contains("\"default_process_group\" : \"task\""))
        #expect(json.contains("\"build-target\" : \"target\""))
        #expect(json == ConfigRenderer.json(c), "deterministic")
        // The JSON decodes back; only memory ("8gb" → 8192 MB) and integral floats change form.
        let decoded = try JSONDecoder().decode(AppConfig.self, from: Data(json.utf8))
        #expect(decoded.services == c.services)
        #expect(decoded.httpService == c.httpService)
        #expect(decoded.checks == c.checks)
        #expect(decoded.mounts == c.mounts)
        #expect(decoded.vm?.first?.memory == "8192")
    }
}
