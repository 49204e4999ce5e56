import FlyConfig
import Foundation
import Testing
@testable import HangarCore

@Suite struct PlanTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func config(_ text: String) throws -> AppConfig {
        let loaded = FlyConfigLoader.load(text: text)
        return try #require(loaded.config, "\(loaded.diagnostics)")
    }

    private func example(_ name: String) throws -> AppConfig {
        let loaded = FlyConfigLoader.load(path: Self.repo.appendingPathComponent("examples/\(name)/fly.toml").path)
        return try #require(loaded.config)
    }

    @Test func mcpVectorExample() throws {
        let plan = try Plan.make(config: try example("mcp-vector"), scale: GroupScale(["web": 3]))
        #expect(plan.app == "mcp-vector")
        #expect(plan.groups.map(\.name) == ["vectordb", "web"])
        let web = try #require(plan.group("web"))
        #expect(web.count == 3)
        #expect(web.spec.guest.memoryMB == 256)
        #expect(web.spec.mount == nil)
        #expect(web.spec.services.first?.internalPort == 8080)
        #expect(web.spec.services.first?.ports.map(\.start) == [80, 443])
        let check = try #require(web.spec.allChecks.first)
        #expect(check.kind == .http && check.path == "/health")
        #expect(check.gracePeriod == .seconds(10) && check.interval == .seconds(15) && check.timeout == .seconds(5))
        let db = try #require(plan.group("vectordb"))
        #expect(db.count == 1)
        #expect(db.spec.guest.memoryMB == 512)
        #expect(db.spec.mount == MountSpec(volume: "vectors", destination: "/data", initialSizeGB: 1))
        #expect(db.spec.services.isEmpty)
        #expect(db.spec.checks.map(\.port) == [6333])
        #expect(db.spec.env["FLY_PROCESS_GROUP"] == "vectordb")
    }

    @Test func apiWorkerExample() throws {
        let plan = try Plan.make(config: try example("api-worker"))
        let api = try #require(plan.group("api"))
        let service = try #require(api.spec.services.first)
        #expect(service.concurrency == ConcurrencySpec(kind: .requests, softLimit: 200, hardLimit: 250))
        #expect(service.ports.first { $0.start == 80 }?.forceHTTPS == true)
        #expect(service.checks.map(\.kind) == [.tcp, .http])
        #expect(plan.deploy.releaseCommand == ["python3", "migrate.py"])
        #expect(plan.deploy.strategy == .rolling)
    }

    @Test func commandResolutionOrder() throws {
        let c = try config("""
            app = "a"
            [experimental]
            cmd = ["fallback"]
            entrypoint = ["/init"]
            [processes]
            web = "run web --port 8080"
            worker = ""
            """)
        let plan = try Plan.make(config: c, image: ImageDefaults(cmd: ["from", "dockerfile"]))
        #expect(plan.group("web")?.spec.command == ["/init", "run", "web", "--port", "8080"])
        #expect(plan.group("worker")?.spec.command == ["/init", "fallback"])
        #expect(plan.group("worker")?.spec.commandSource == "[experimental] entrypoint + [experimental] cmd")
    }

    @Test func dockerfileAndProcfileFallbacks() throws {
        let c = try config("app = \"a\"\n[processes]\nweb = \"\"\nclock = \"\"\n")
        let dockerfile = ImageDefaults.dockerfile("""
            FROM python:3 AS build
            CMD ["ignored"]
            FROM python:3-slim
            ENTRYPOINT ["tini", "--"]
            CMD python \\
                server.py
            """)
        #expect(dockerfile.entrypoint == ["tini", "--"])
        #expect(dockerfile.cmd == ["/bin/sh", "-c", "python      server.py"] || dockerfile.cmd?.first == "/bin/sh")
        let procfile = ImageDefaults.procfile("# jobs\nclock: ./bin/clock --tick 5\nweb: gunicorn app\n")
        let plan = try Plan.make(config: c, image: ImageDefaults(procfile: procfile))
        #expect(plan.group("clock")?.spec.command == ["./bin/clock", "--tick", "5"])
        #expect(plan.group("clock")?.spec.commandSource == "Procfile clock")
    }

    @Test func missingCommandNamesEveryPlace() throws {
        let c = try config("app = \"a\"\n")
        #expect(throws: PlanError.self) { try Plan.make(config: c) }
        do {
            _ = try Plan.make(config: c)
        } catch {
            #expect(error.message.contains("[processes] app"))
            #expect(error.message.contains("Dockerfile"))
            #expect(error.message.contains("Procfile"))
        }
    }

    @Test func defaultsFollowFly() throws {
        let c = try config("app = \"a\"\n[processes]\napp = \"srv\"\n[http_service]\ninternal_port = 8080\nprocesses = [\"app\"]\n")
        let spec = try #require(try Plan.make(config: c).group("app")?.spec)
        #expect(spec.guest == Guest(cpuKind: "shared", cpus: 1, memoryMB: 256))
        #expect(spec.stop == StopSpec(signal: "SIGINT", timeout: .seconds(5)))
        #expect(spec.restart == RestartSpec(policy: .onFailure, maxRetries: 10))
        let service = try #require(spec.services.first)
        #expect(service.concurrency == ConcurrencySpec(kind: .connections, softLimit: 20, hardLimit: nil))
        #expect(service.autoStop == .off && service.autoStart && service.minMachinesRunning == 0)
    }

    @Test func primaryRegionOverridesEnvAndGroupIsSet() throws {
        let c = try config("app = \"a\"\nprimary_region = \"ams\"\n[env]\nPRIMARY_REGION = \"x\"\nFLY_PROCESS_GROUP = \"y\"\n[processes]\napp = \"srv\"\n")
        let env = try #require(try Plan.make(config: c).group("app")?.spec.env)
        #expect(env["PRIMARY_REGION"] == "ams")
        #expect(env["FLY_PROCESS_GROUP"] == "app")
    }

    @Test func batchSizes() throws {
        var c = try config("app = \"a\"\n[processes]\napp = \"srv\"\n")
        #expect(try Plan.make(config: c).deploy.batchSize(of: 10) == 4)
        c.deploy = Deploy()
        c.deploy?.maxUnavailable = 2
        #expect(try Plan.make(config: c).deploy.batchSize(of: 10) == 2)
        #expect(try Plan.make(config: c).deploy.batchSize(of: 0) == 0)
    }

    @Test func scaleArguments() throws {
        #expect(try GroupScale.parse(["web=3", "worker=0"], defaultGroup: "app") == ["web": 3, "worker": 0])
        #expect(try GroupScale.parse(["2"], defaultGroup: "app") == ["app": 2])
        for bad in ["web=-1", "web=x", "=3", "web=100000"] {
            #expect(throws: PlanError.self) { try GroupScale.parse([bad], defaultGroup: "app") }
        }
    }
}
