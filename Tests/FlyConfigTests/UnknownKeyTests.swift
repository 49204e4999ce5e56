import Testing
@testable import FlyConfig

@Suite struct UnknownKeyTests {
    private func findings(_ text: String, code: String = DecodeCode.unknownKey) -> [Diagnostic] {
        FlyConfigLoader.load(text: text).diagnostics.filter { $0.code == code }
    }

    private func hint(_ text: String) -> String? {
        findings(text).first?.hint
    }

    @Test func unknownKeysAreWarningsAndNeverFatal() throws {
        let loaded = FlyConfigLoader.load(text: "app = \"x\"\nhttp_machine = 1\n[http_service]\ninternal_port = 8080\nxyz = true\n")
        #expect(loaded.config != nil)
        let warnings = loaded.diagnostics.filter { $0.code == DecodeCode.unknownKey }
        #expect(warnings.map(\.path) == ["http_machine", "http_service.xyz"])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.first?.position == SourcePosition(line: 2, column: 1))
        #expect(warnings.first?.message.contains("http_machine") == true)
    }

    @Test func realWorldHints() {
        #expect(hint("[http_services]\ninternal_port = 8080") == "did you mean http_service?")
        #expect(hint("[http_service]\nautostop = true") == "did you mean auto_stop_machines?")
        #expect(hint("[[services]]\nautostart = true") == "did you mean auto_start_machines?")
        let max = hint("[http_service]\nmax_machines_running = 3")
        #expect(max?.contains("no maximum") == true)
        #expect(max?.contains("min_machines_running") == true)
        #expect(hint("[http_service]\nInternal_Port = 8080") == "did you mean internal_port? keys are case-sensitive")
        #expect(hint("[[services]]\ninternal-port = 8080") == "did you mean internal_port?")
        #expect(hint("[[services]]\nintenral_port = 8080") == "did you mean internal_port?")
        #expect(hint("[processes]\nweb = \"x\"\n[[services]]\nprocesses = [\"web\"]\nporcesses = 1") == "did you mean processes?")
        #expect(hint("[environment]\nA = \"b\"") == "did you mean env?")
        #expect(hint("strategy = \"rolling\"") == "strategy belongs in [deploy] strategy")
        #expect(hint("[[http_checks]]\npath = \"/\"")?.contains("[checks.<name>]") == true)
        #expect(hint("[deploy]\nprocesses = [\"web\"]")?.contains("no processes") == true)
        #expect(hint("[[vm]]\ncpu = 2") == "did you mean cpus?")
    }

    @Test func descendsIntoListEntriesFlyctlsStrictModeMisses() {
        let paths = findings("""
            [[services]]
            internal_port = 1
            bogus = 1
            [[services.ports]]
            port = 80
            handler = ["http"]
            [services.concurrency]
            kind = "requests"
            [[mounts]]
            source = "a"
            size = "1gb"
            [[vm]]
            memroy = "1gb"
            [[metrics]]
            port = 1
            url = "/m"
            [http_service]
            internal_port = 1
            [http_service.concurrency]
            processes = ["x"]
            [http_service.http_options]
            xyz = 1
            [[http_service.checks]]
            processes = ["x"]
            [[http_service.machine_checks]]
            grace_period = "1s"
            [checks.a]
            type = "tcp"
            port = 1
            nope = 1
            """).map(\.path)
        #expect(paths == [
            "services[0].bogus", "services[0].ports[0].handler", "services[0].concurrency.kind", "mounts[0].size",
            "vm[0].memroy", "metrics[0].url", "http_service.concurrency.processes", "http_service.http_options.xyz",
            "http_service.checks[0].processes", "http_service.machine_checks[0].grace_period", "checks.a.nope",
        ])
    }

    @Test func freeFormMapsAreNotDescended() {
        let loaded = FlyConfigLoader.load(text: """
            [env]
            ANYTHING = "x"
            [processes]
            whatever = "run"
            [build.args]
            FREE = "x"
            [build.settings]
            deep = { any = 1 }
            [http_service]
            internal_port = 1
            processes = ["whatever"]
            [http_service.http_options.response.headers]
            X-Any = "v"
            [experimental.attached.secrets.export]
            A = "B"
            """)
        #expect(loaded.config != nil)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    }

    @Test func legacyKeysAreReportedAsIgnored() {
        let infos = findings("""
            [experimental]
            private_network = true
            allowed_public_ports = []
            [[services]]
            internal_port = 1
            script_checks = []
            [[services.tcp_checks]]
            restart_limit = 0
            [[restart]]
            policy = "always"
            max_retries = 3
            """, code: DecodeCode.ignoredLegacyKey)
        #expect(infos.map(\.path) == [
            "experimental.private_network", "experimental.allowed_public_ports", "services[0].script_checks",
            "services[0].tcp_checks[0].restart_limit", "restart[0].max_retries",
        ])
        #expect(infos.allSatisfy { $0.severity == .info && $0.message.contains("ignores") })
    }

    @Test func legacyAliasesAreNotUnknown() {
        let loaded = FlyConfigLoader.load(text: """
            [mount]
            source = "a"
            destination = "/a"
            [metric]
            port = 1
            [compute]
            size = "shared-cpu-1x"
            [[computes]]
            memory = 512
            [build]
            build_target = "x"
            [experimental]
            kill_timeout = 3
            metrics_port = 9
            [[checks]]
            name = "a"
            type = "tcp"
            port = 1
            """)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.config?.vm?.count == 2)
        // flyctl hoists experimental.metrics_port unless a `metrics` key exists; `metric` does not count.
        #expect(loaded.config?.metrics?.map(\.port) == [1, 9])
        #expect(loaded.config?.killTimeout == .seconds(3))
        #expect(loaded.config?.build?.buildTarget == "x")
        #expect(loaded.config?.checks?["a"]?.type == "tcp")
    }

    @Test func editDistance() {
        #expect(KeySuggestions.distance("abc", "abc") == 0)
        #expect(KeySuggestions.distance("porcesses", "processes") == 1)
        #expect(KeySuggestions.distance("", "ab") == 2)
        #expect(KeySuggestions.distance("kitten", "sitting") == 3)
    }
}
