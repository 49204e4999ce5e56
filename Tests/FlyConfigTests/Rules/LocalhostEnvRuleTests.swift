import Testing
@testable import FlyConfig

@Suite struct LocalhostEnvRuleTests {
    private func config(_ env: [String: String]) -> AppConfig {
        makeConfig {
            $0.app = "shop"
            $0.processes = ["web": "serve", "worker": "work"]
            $0.httpService = makeHTTPService(internalPort: 3000, processes: ["web"])
            $0.env = env
        }
    }

    @Test func warnsWhenAnotherGroupServesThePort() {
        let d = LocalhostEnvRule().run(config(["API_URL": "http://localhost:3000/api"]))
        #expect(d.codes == ["HG402"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.path == "env.API_URL")
        #expect(d.first?.message.contains("localhost:3000") == true)
        #expect(d.first?.message.contains("'worker'") == true)
        #expect(d.first?.hint == "use web.process.shop.internal:3000 (process groups are separate machines on Fly)")
        #expect(LocalhostEnvRule().run(config(["A": "127.0.0.1:3000", "B": "[::1]:3000", "C": "0.0.0.0:3000"])).count == 3)
    }

    @Test func silentForPortsNobodyOrEverybodyServes() {
        #expect(LocalhostEnvRule().run(config(["REDIS_URL": "redis://localhost:6379"])).isEmpty)
        #expect(LocalhostEnvRule().run(config(["HOST": "mylocalhost:3000", "X": "localhost"])).isEmpty)
        let shared = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.services = [makeService(internalPort: 3000, processes: ["web", "worker"])]
            $0.env = ["API_URL": "http://localhost:3000"]
        }
        #expect(LocalhostEnvRule().run(shared).isEmpty)
        let single = makeConfig {
            $0.httpService = makeHTTPService(internalPort: 3000)
            $0.env = ["API_URL": "http://localhost:3000"]
        }
        #expect(LocalhostEnvRule().run(single).isEmpty)
    }

    @Test func topLevelCheckPortsCount() {
        let c = makeConfig {
            $0.processes = ["web": "", "metrics": ""]
            $0.checks = ["up": makeCheck("tcp", port: 9090, processes: ["metrics"])]
            $0.env = ["PROM": "localhost:9090"]
        }
        #expect(LocalhostEnvRule().run(c).codes == ["HG402"])
    }
}

@Suite struct LocalhostSplitHostPortTests {
    @Test func hostAndPortInTwoVariablesCount() {
        let report = FlyConfigValidator.validate(text: """
            app = "chat"
            [env]
            REVERB_HOST = "localhost"
            REVERB_PORT = "8080"
            [processes]
            app = ""
            worker = "php artisan queue:work"
            [http_service]
            internal_port = 8080
            processes = ["app"]
            """)
        let finding = report.diagnostics.first { $0.code == "HG402" }
        #expect(finding?.path == "env.REVERB_HOST")
        #expect(finding?.position?.line == 3)
        #expect(finding?.hint?.contains("app.process.chat.internal:8080") == true)
    }

    @Test func hostWithoutPortSiblingIsLeftAlone() {
        let report = FlyConfigValidator.validate(text: """
            app = "chat"
            [env]
            REDIS_HOST = "127.0.0.1"
            [processes]
            app = ""
            worker = "w"
            [http_service]
            internal_port = 8080
            processes = ["app"]
            """)
        #expect(!report.diagnostics.contains { $0.code == "HG402" })
    }
}
