import Testing
@testable import FlyConfig

@Suite struct SourceMapTests {
    private func map(_ text: String) -> SourceMap {
        FlyConfigLoader.load(text: text).sourceMap
    }

    private func pos(_ line: Int, _ column: Int) -> SourcePosition { SourcePosition(line: line, column: column) }

    @Test func plainPaths() {
        let m = map("""
            app = "x"
            [env]
            FOO = "bar"
            [http_service]
              internal_port = 8080
              [[http_service.checks]]
                interval = "10s"
            [[services]]
              internal_port = 1
              [[services.ports]]
                port = 80
            [[services]]
              internal_port = 2
              [[services.ports]]
                port = 81
            [checks.status]
              interval = "10s"
            """)
        #expect(m.position(of: "app") == pos(1, 1))
        #expect(m.position(of: "env.FOO") == pos(3, 1))
        #expect(m.position(of: "http_service.internal_port") == pos(5, 3))
        #expect(m.position(of: "http_service.checks[0].interval") == pos(7, 5))
        #expect(m.valuePosition(of: "http_service.checks[0].interval") == pos(7, 16))
        #expect(m.position(of: "services[1].ports[0].port") == pos(15, 5))
        #expect(m.position(of: "checks.status.interval") == pos(17, 3))
        #expect(m.position(of: "services[1]") == pos(12, 1))
    }

    @Test func nearestAncestor() {
        let m = map("[http_service]\ninternal_port = 8080\n")
        #expect(m.position(of: "http_service.concurrency.soft_limit") == m.position(of: "http_service"))
        #expect(m.position(of: "http_service.checks[3].interval") == m.position(of: "http_service"))
        #expect(m.position(of: "nothing.here") == nil)
        #expect(!m.contains("http_service.checks"))
    }

    @Test func legacyFormsPointToWhereTheyWereWritten() {
        let m = map("""
            app = "x"
            [mount]
            source = "data"
            destination = "/data"
            [vm]
            memory = 512
            [[compute]]
            size = "shared-cpu-2x"
            [[processes]]
            name = "web"
            command = "run"
            [[processes]]
            name = "worker"
            [[services]]
            concurrency = "20,25"
            internal_port = "8080"
            [metrics]
            port = 9
            [experimental]
            kill_timeout = 5
            [[checks]]
            name = "alive"
            type = "tcp"
            """)
        #expect(m.position(of: "mounts[0]") == pos(2, 1))
        #expect(m.position(of: "mounts[0].source") == pos(3, 1))
        // Order: compute, computes, vm.
        #expect(m.position(of: "vm[0].size") == pos(8, 1))
        #expect(m.position(of: "vm[1].memory") == pos(6, 1))
        #expect(m.valuePosition(of: "vm[1].memory") == pos(6, 10))
        #expect(m.valuePosition(of: "processes.web") == pos(11, 11))
        #expect(m.position(of: "processes.web") == pos(10, 8))
        #expect(m.position(of: "processes.worker") == pos(13, 8))
        #expect(m.position(of: "services[0].concurrency.soft_limit") == pos(15, 15))
        #expect(m.valuePosition(of: "services[0].internal_port") == pos(16, 17))
        #expect(m.position(of: "metrics[0].port") == pos(18, 1))
        #expect(m.position(of: "kill_timeout") == pos(20, 1))
        #expect(m.position(of: "checks.alive") == pos(22, 1))
        #expect(m.position(of: "checks.alive.type") == pos(23, 1))
    }

    @Test func configPaths() {
        #expect(ConfigPath.key("FOO") == "FOO")
        #expect(ConfigPath.key("a.b") == "\"a.b\"")
        #expect(ConfigPath.join("env", "a.b") == "env.\"a.b\"")
        #expect(ConfigPath.parent(of: "env.\"a.b\"") == "env")
        #expect(ConfigPath.parent(of: "services[1].ports[0]") == "services[1].ports")
        #expect(ConfigPath.parent(of: "services[1]") == "services")
        #expect(ConfigPath.parent(of: "app") == nil)
        #expect(ConfigPath.lastKey(of: "services[0].ports[1].port") == "port")
        #expect(ConfigPath.lastKey(of: "vm[0]") == "vm")
        let m = map("[env]\n\"a.b\" = \"x\"\n")
        #expect(m.position(of: "env.\"a.b\"") == pos(2, 1))
    }

    @Test func diagnosticsCarryPathAndPosition() {
        let loaded = FlyConfigLoader.load(text: "[[services]]\nconcurrency = 20\n")
        let error = loaded.diagnostics.first
        #expect(error?.path == "services[0].concurrency")
        #expect(error?.position == pos(2, 15))
    }
}
