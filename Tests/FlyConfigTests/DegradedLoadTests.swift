import Foundation
import Testing
@testable import FlyConfig

/// Type errors and rejected legacy forms make flyctl's load degraded: config nil, app kept, every
/// error reported with a position, path and hint.
@Suite struct DegradedLoadTests {
    private func errors(_ text: String) -> [Diagnostic] {
        let loaded = FlyConfigLoader.load(text: "app = \"named\"\n" + text)
        if loaded.config != nil { Issue.record("expected a degraded load for: \(text)") }
        #expect(loaded.appName == "named")
        #expect(ConfigRenderer.json(loaded) == "{\n  \"app\" : \"named\"\n}")
        return loaded.diagnostics.filter { $0.severity == .error }
    }

    private func single(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
        let found = errors(text)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        if let d = found.first {
            #expect(d.position?.isKnown == true, sourceLocation: sourceLocation)
            #expect(d.hint != nil, sourceLocation: sourceLocation)
        }
        return found.first
    }

    @Test func typeMismatches() {
        let cases: [(String, String, String)] = [
            ("[http_service]\ninternal_port = \"8080\"", "http_service.internal_port", "remove the quotes: internal_port = 8080"),
            ("[http_service]\nforce_https = \"true\"", "http_service.force_https", "remove the quotes: force_https = true"),
            ("[http_service]\nmin_machines_running = \"1\"", "http_service.min_machines_running", "remove the quotes: min_machines_running = 1"),
            ("[restart]\npolicy = \"always\"", "restart", "write [[restart]] (an array of tables, double brackets) instead of [restart]"),
            ("[statics]\nguest_path = \"/a\"", "statics", "write [[statics]] (an array of tables, double brackets) instead of [statics]"),
            ("[files]\nguest_path = \"/a\"", "files", "write [[files]] (an array of tables, double brackets) instead of [files]"),
            ("[http_service]\ninternal_port = 1\n[http_service.checks]\npath = \"/\"", "http_service.checks", "write [[checks]] (an array of tables, double brackets) instead of [checks]"),
            ("[[vm]]\nkernel_args = \"quiet\"", "vm[0].kernel_args", "write a list: kernel_args = [\"quiet\"]"),
            ("[[services]]\nprocesses = \"web\"", "services[0].processes", "write a list: processes = [\"web\"]"),
            ("[build.args]\nX = 1", "build.args.X", "quote the value: X = \"1\""),
            ("[deploy.release_command_vm]\nmemory = 4096", "deploy.release_command_vm.memory", "quote the value: memory = \"4096\""),
            ("[[mounts]]\nauto_extend_size_increment = 10", "mounts[0].auto_extend_size_increment", "quote the value: auto_extend_size_increment = \"10\""),
            ("[processes]\nweb = 1", "processes.web", "quote the value: web = \"1\""),
            ("[http_service]\ninternal_port = 1\n[[http_service.checks]]\nheaders = [{name = \"a\", value = \"b\"}]", "http_service.checks[0].headers", "write headers as a table of strings"),
            ("[[http_service]]\ninternal_port = 1", "http_service", "write a single [http_service] table, not [[http_service]]"),
        ]
        for (text, path, hint) in cases {
            guard let d = single(text) else { continue }
            #expect(d.code == DecodeCode.typeMismatch, "\(text)")
            #expect(d.path == path, "\(text)")
            #expect(d.hint == hint, "\(text)")
            #expect(d.message.hasPrefix(path + " must be"), "\(d.message)")
        }
    }

    @Test func invalidValues() {
        let autostop = single("[http_service]\nauto_stop_machines = \"true\"")
        #expect(autostop?.code == DecodeCode.invalidAutoStop)
        #expect(autostop?.message.hasPrefix("invalid autostop string value \"true\"") == true)
        #expect(autostop?.position == SourcePosition(line: 3, column: 22))
        let duration = single("[deploy]\nwait_timeout = \"5 minutes\"")
        #expect(duration?.code == DecodeCode.invalidDuration)
        #expect(duration?.message.contains("time: unknown unit") == true || duration?.message.contains("time: invalid duration") == true)
        #expect(single("[checks.a]\ninterval = \"1d\"")?.path == "checks.a.interval")
    }

    @Test func normalisationErrors() {
        let cases: [(String, String)] = [
            ("env = \"FOO=bar\"", "Do not know how to process 'env' section of type: string"),
            ("processes = \"web\"", "Unknown processes type: string"),
            ("experimental = 1", "Experimental section of unknown type: int64"),
            ("build = \"x\"", "Build section of unknown type: string"),
            ("[[services]]\nconcurrency = \"20\"", "Unknown value '20' for concurrency limits"),
            ("[[services]]\nconcurrency = \"20,x\"", "Can not convert '20,x': strconv.Atoi: parsing \"x\": invalid syntax"),
            ("[[services]]\nconcurrency = true", "Unknown type for service concurrency: bool"),
            ("[[services]]\ninternal_port = \"http\"", "Can not convert 'http' to integer: strconv.Atoi: parsing \"http\": invalid syntax"),
            ("[[services]]\n[[services.ports]]\nport = true", "Unknown type for cast: bool"),
            ("services = 1", "Error processing services: Unknown type 'int64'"),
            ("[experimental]\ncmd = 1", "could not cast 1 of type int64 to []string on cmd"),
            ("[experimental]\ncmd = [\"a\", 1]", "could not cast 1 of type int64 to string on cmd"),
            ("checks = 1", "'checks' section of unknown type: int64"),
            ("[[checks]]\ntype = \"tcp\"", "check item name not a string"),
            ("[checks]\na = 1", "'checks' section of unknown type: int64"),
            ("[[services]]\n[[services.http_checks]]\nheaders = [{value = \"x\"}]", "Unsupported headers format map[value:x]"),
            ("vm = \"big\"", "Error processing compute: Unknown type 'string'"),
        ]
        for (text, message) in cases {
            guard let d = single(text) else { continue }
            #expect(d.code == DecodeCode.normalisation, "\(text)")
            #expect(d.message == message)
        }
    }

    @Test func reportsEveryErrorNotOnlyTheFirst() {
        let found = errors("""
            [http_service]
            internal_port = "8080"
            force_https = "yes"
            [[services]]
            concurrency = 5
            [restart]
            policy = "always"
            """)
        #expect(found.map(\.path) == ["http_service.internal_port", "http_service.force_https", "services[0].concurrency", "restart"])
    }

    @Test func acceptedCoercions() throws {
        let loaded = FlyConfigLoader.load(text: """
            [[services]]
            internal_port = 8080.7
            [[services.ports]]
            port = "443"
            [services.ports.http_options]
            idle_timeout = 60.0
            [[vm]]
            memory = 1024.0
            cpus = 2.0
            """)
        let c = try #require(loaded.config, "\(loaded.diagnostics)")
        #expect(c.services?.first?.internalPort == 8080)
        #expect(c.services?.first?.ports?.first?.port == 443)
        #expect(c.services?.first?.ports?.first?.httpOptions?.idleTimeout == 60)
        #expect(c.vm?.first?.memory == "1024")
        #expect(c.vm?.first?.cpus == 2)
    }

    @Test func droppedValuesWarn() throws {
        let loaded = FlyConfigLoader.load(text: "kill_timeout = true\n[checks.a]\ninterval = false\n")
        #expect(loaded.config != nil)
        #expect(loaded.config?.killTimeout == nil)
        #expect(loaded.diagnostics.map(\.code) == [DecodeCode.droppedValue, DecodeCode.droppedValue])
    }

    @Test func syntaxAndReadErrors() {
        let syntax = FlyConfigLoader.load(text: "app = \"x\"\n[a]\n[a]\n")
        #expect(syntax.config == nil)
        #expect(syntax.raw == nil)
        #expect(!syntax.isDegraded)
        #expect(syntax.diagnostics.first?.code == DecodeCode.syntax)
        #expect(syntax.diagnostics.first?.position?.line == 3)
        #expect(ConfigRenderer.json(syntax) == "{\n\n}" || ConfigRenderer.json(syntax) == "{}")

        let missing = FlyConfigLoader.load(path: "/nonexistent/dir/fly.toml")
        #expect(missing.diagnostics.map(\.code) == [DecodeCode.unreadable])
        #expect(missing.directory == "/nonexistent/dir")
        #expect(missing.file == "/nonexistent/dir/fly.toml")

        let directory = FlyConfigLoader.load(path: SharedCorpus.url("flyctl-testdata").path)
        #expect(directory.diagnostics.first?.message.contains("flyctl-testdata/fly.toml") == true)
    }
}
