import Foundation
import Testing
@testable import HangarExport

@Suite struct NomadRendererTests {
    func job(_ text: String, counts: [String: Int] = [:], options: ExportOptions = ExportOptions(image: "img:1")) throws
        -> (HCLBlock, [ExportWarning])
    {
        let config = try ExportFixtures.config(text: text)
        let plan = try HangarExport.plan(config: config, counts: counts)
        var job = try NomadRenderer.job(plan: plan, config: config, options: options)
        job.warnings.add(contentsOf: UnsupportedKeys.warnings(config: config, plan: plan, target: .nomad))
        return (job.block, job.warnings.all)
    }

    func group(_ job: HCLBlock, _ name: String) -> HCLBody? { job.body.blocks("group").first { $0.labels == [name] }?.body }
    func task(_ group: HCLBody?, _ name: String) -> HCLBody? { group?.blocks("task").first { $0.labels == [name] }?.body }

    @Test func dockerTaskRunsTheImageWithTheGroupCommand() throws {
        let (job, _) = try job("""
            app = "a"
            kill_timeout = 20
            [experimental]
            entrypoint = ["/tini", "--"]
            [processes]
            web = "bin/web -p 8080"
            [[vm]]
            size = "performance-2x"
            """, counts: ["web": 3], options: ExportOptions(image: "img:1", namespace: "apps"))
        #expect(job.labels == ["a"])
        #expect(job.body.attribute("namespace") == .string("apps"))
        let g = group(job, "web")
        #expect(g?.attribute("count") == .int(3))
        let t = task(g, "web")
        #expect(t?.attribute("driver") == .string("docker"))
        let config = t?.blocks("config").first?.body
        #expect(config?.attribute("image") == .string("img:1"))
        #expect(config?.attribute("entrypoint") == .list([.string("/tini"), .string("--")]))
        #expect(config?.attribute("command") == .string("bin/web"))
        #expect(config?.attribute("args") == .list([.string("-p"), .string("8080")]))
        let resources = t?.blocks("resources").first?.body
        #expect(resources?.attribute("cores") == .int(2))
        #expect(resources?.attribute("memory") == .int(4096))
        #expect(t?.attribute("kill_signal") == .string("SIGINT"))
        #expect(t?.attribute("kill_timeout") == .string("20s"))
    }

    @Test func rawExecRunsTheLocalCommandInTheAppDirectory() throws {
        let (job, _) = try job(
            "app = \"a\"\n[processes]\nweb = \"python3 web.py --name 'my app'\"\n[http_service]\ninternal_port = 8080\nprocesses = [\"web\"]\n",
            options: ExportOptions(driver: .rawExec, workingDirectory: "/srv/my app"))
        let g = group(job, "web")
        let config = task(g, "web")?.blocks("config").first?.body
        #expect(task(g, "web")?.attribute("driver") == .string("raw_exec"))
        #expect(config?.attribute("command") == .string("/bin/sh"))
        #expect(config?.attribute("args") == .list([.string("-c"), .string("cd '/srv/my app' && exec python3 web.py --name 'my app'")]))
        #expect(config?.attribute("image") == nil)
        // The process binds its own port on the client.
        let port = g?.blocks("network").first?.body.blocks("port").first
        #expect(port?.labels == ["p8080"])
        #expect(port?.body.attribute("static") == .int(8080))
    }

    @Test func rawExecNeedsACommand() throws {
        let config = try ExportFixtures.config(text: "app = \"a\"\n")
        let plan = try HangarExport.plan(config: config)
        #expect(throws: ExportError.self) {
            try HangarExport.render(.nomad, plan: plan, config: config, options: ExportOptions(driver: .rawExec))
        }
    }

    @Test func updateFollowsTheDeployStrategy() throws {
        func update(_ strategy: String) throws -> HCLBody? {
            let (job, _) = try self.job(
                "app = \"a\"\n[deploy]\nstrategy = \"\(strategy)\"\nmax_unavailable = 0.5\nwait_timeout = \"2m\"\n[processes]\nweb = \"x\"\n",
                counts: ["web": 4])
            return self.group(job, "web")?.blocks("update").first?.body
        }
        let rolling = try update("rolling")
        #expect(rolling?.attribute("max_parallel") == .int(2))
        #expect(rolling?.attribute("healthy_deadline") == .string("2m0s"))
        #expect(rolling?.attribute("canary") == nil)
        let canary = try update("canary")
        #expect(canary?.attribute("canary") == .int(1))
        #expect(canary?.attribute("auto_promote") == .bool(false))
        let bluegreen = try update("bluegreen")
        #expect(bluegreen?.attribute("canary") == .int(4))
        #expect(bluegreen?.attribute("auto_promote") == .bool(true))
        let immediate = try update("immediate")
        #expect(immediate?.attribute("max_parallel") == .int(4))
        #expect(immediate?.attribute("health_check") == .string("task_states"))
    }

    @Test func restartPolicies() throws {
        func restart(_ policy: String) throws -> HCLBody? {
            let (job, _) = try self.job("app = \"a\"\n[[restart]]\npolicy = \"\(policy)\"\nretries = 3\n[processes]\napp = \"x\"\n")
            return self.group(job, "app")
        }
        #expect(try restart("always")?.blocks("restart").first?.body.attribute("mode") == .string("delay"))
        let never = try restart("never")
        #expect(never?.blocks("restart").first?.body.attribute("attempts") == .int(0))
        #expect(never?.blocks("reschedule").first?.body.attribute("attempts") == .int(0))
        #expect(try restart("on-failure")?.blocks("restart").first?.body.attribute("attempts") == .int(3))
    }

    @Test func topLevelChecksGetTheirOwnService() throws {
        let (job, _) = try job("""
            app = "a"
            [processes]
            worker = "w"
            [checks.alive]
            type = "tcp"
            port = 7000
            interval = "500ms"
            processes = ["worker"]
            """)
        let service = try #require(group(job, "worker")?.blocks("service").first?.body)
        #expect(service.attribute("name") == .string("a-worker"))
        let check = service.blocks("check").first?.body
        #expect(check?.attribute("type") == .string("tcp"))
        // Nomad's smallest interval is one second.
        #expect(check?.attribute("interval") == .string("1s"))
    }

    @Test func autostopAndPublicPortsAreWarned() throws {
        let (_, warnings) = try job("""
            app = "a"
            [http_service]
            internal_port = 8080
            auto_stop_machines = "stop"
            [[statics]]
            guest_path = "/app/public"
            url_prefix = "/static"
            """)
        #expect(warnings.contains { $0.key == "http_service.auto_stop_machines" })
        #expect(warnings.contains { $0.key == "http_service.ports" })
        #expect(warnings.contains { $0.key == "statics[0]" })
    }

    @Test func gpusAreDevices() throws {
        let (job, _) = try job("app = \"a\"\n[[vm]]\nsize = \"l40s\"\n")
        let resources = task(group(job, "app"), "app")?.blocks("resources").first?.body
        let device = resources?.blocks("device").first
        #expect(device?.labels == ["nvidia/gpu"])
        #expect(device?.body.attribute("count") == .int(1))
    }
}
