import Testing
@testable import FlyConfig

@Suite struct ProcessGroupTests {
    private func load(_ text: String) throws -> AppConfig {
        let loaded = FlyConfigLoader.load(text: text)
        return try #require(loaded.config, "\(loaded.diagnostics)")
    }

    @Test func namesAndDefault() throws {
        #expect(try load("").processNames == ["app"])
        #expect(try load("[processes]").processNames == ["app"])
        #expect(try load("processes = []").processNames == ["app"])
        let c = try load("[processes]\nzeta = \"z\"\nApp = \"a\"\nbeta = \"\"")
        #expect(c.processNames == ["App", "beta", "zeta"], "byte order: upper case first")
        #expect(c.defaultProcessGroup == "App")
        #expect(c.hasProcessGroups)
    }

    @Test func emptyProcessesMeansDefaultGroupOnly() throws {
        let c = try load("""
            [processes]
            web = "w"
            worker = "k"
            [http_service]
            internal_port = 8080
            [[services]]
            internal_port = 9000
            protocol = "tcp"
            processes = ["worker"]
            [[mounts]]
            source = "a"
            destination = "/a"
            [[files]]
            guest_path = "/f"
            [[metrics]]
            port = 1
            [[metrics]]
            port = 2
            [[restart]]
            policy = "always"
            [[restart]]
            policy = "never"
            [[restart]]
            policy = "on-failure"
            processes = ["worker"]
            [checks.c]
            type = "tcp"
            port = 1
            [[vm]]
            size = "shared-cpu-2x"
            [[statics]]
            guest_path = "/s"
            url_prefix = "/s"
            """)
        #expect(c.defaultProcessGroup == "web")
        #expect(c.services(for: "web").map(\.origin) == [.httpService])
        #expect(c.services(for: "worker").map(\.internalPort) == [9000])
        #expect(c.mounts(for: "web").count == 1)
        #expect(c.mounts(for: "worker").isEmpty)
        #expect(c.files(for: "worker").isEmpty)
        #expect(c.metrics(for: "web")?.port == 1, "first wins")
        #expect(c.metrics(for: "worker") == nil)
        #expect(c.restart(for: "web")?.policy == "never", "last wins")
        #expect(c.restart(for: "worker")?.policy == "on-failure")
        #expect(c.checks(for: "worker").isEmpty)
        #expect(c.checks(for: "web").count == 1)
        #expect(try c.guest(for: "worker")?.cpus == 2, "[[vm]] without processes applies to all groups")
        #expect(c.applies(nil, to: "web"))
        #expect(!c.applies([], to: "worker"))
        #expect(c.applies(["worker"], to: "worker"))
    }

    @Test func machineChecksFollowTheirOwnRule() throws {
        let c = try load("""
            [processes]
            web = "w"
            worker = "k"
            [[machine_checks]]
            command = ["top"]
            [[services]]
            internal_port = 1
            [[services.machine_checks]]
            command = ["svc"]
            [[services]]
            internal_port = 2
            processes = ["worker"]
            [[services.machine_checks]]
            command = ["worker-only"]
            """)
        #expect(c.machineChecks(for: "web").map(\.command) == [["top"], ["svc"]])
        #expect(c.machineChecks(for: "worker").map(\.command) == [["top"], ["svc"], ["worker-only"]])
    }

    @Test func flattenedView() throws {
        let c = try load("""
            host_dedication_id = "top"
            [processes]
            web = "run web"
            worker = "run worker"
            [http_service]
            internal_port = 8080
            processes = ["web"]
            [[mounts]]
            source = "data"
            destination = "/data"
            processes = ["worker"]
            [[vm]]
            size = "shared-cpu-2x"
            [[vm]]
            host_dedication_id = "own"
            processes = ["worker"]
            """)
        let web = c.flattened(for: "web")
        #expect(web.processes == ["web": "run web"])
        #expect(web.httpService?.processes == ["web"])
        #expect(web.mounts == nil)
        #expect(web.vm?.count == 1)
        #expect(web.vm?.first?.size == "shared-cpu-2x")
        #expect(web.vm?.first?.processes == ["web"])
        #expect(web.hostDedicationID == "top")
        let worker = c.flattened(for: "worker")
        #expect(worker.httpService == nil)
        #expect(worker.mounts?.first?.processes == ["worker"])
        #expect(worker.hostDedicationID == "own")
        #expect(worker.processNames == ["worker"])
    }
}
