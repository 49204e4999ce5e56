import Foundation
import Testing
@testable import FlyConfig

@Suite struct RuleSetTests {
    @Test func codesAreUniqueAndInOrder() {
        let codes = RuleSet.all.flatMap(\.codes)
        #expect(Set(codes).count == codes.count)
        let firsts = RuleSet.all.compactMap(\.codes.first)
        #expect(firsts == firsts.sorted())
        #expect(codes.allSatisfy { $0.count == 5 && $0.hasPrefix("HG") && Int($0.dropFirst(2)).map { $0 >= 200 } == true })
        #expect(RuleSet.all.allSatisfy { !$0.summary.isEmpty })
    }

    @Test func everyCodeIsDocumented() throws {
        let doc = try String(
            contentsOf: SharedCorpus.repositoryRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        for code in RuleSet.all.flatMap(\.codes) {
            #expect(doc.contains("| \(code) |"), "\(code) is missing from docs/diagnostics.md")
        }
    }

    @Test func rulesOnlyEmitTheirOwnCodes() throws {
        var configs: [LoadedConfig] = []
        for folder in ["flyctl-testdata", "real"] {
            configs += try SharedCorpus.tomlFiles(in: folder).map { FlyConfigLoader.load(path: $0.path) }
        }
        for loaded in configs {
            guard let config = loaded.config else { continue }
            for group in [nil] + config.processNames.map(Optional.some) {
                let context = RuleContext(
                    config: group.map { config.flattened(for: $0) } ?? config, group: group,
                    directory: loaded.directory)
                for rule in RuleSet.all {
                    for d in rule.check(context) {
                        #expect(rule.codes.contains(d.code), "\(type(of: rule)) emitted \(d.code)")
                        #expect(d.path != nil)
                    }
                }
            }
        }
    }

    @Test func perGroupPathsNameTheFileEntries() {
        let config = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.services = [makeService(processes: ["worker"]), makeService(internalPort: nil, processes: ["web"])]
            $0.vm = [makeVM { $0.processes = ["worker"] }, makeVM { $0.memory = "0"; $0.processes = ["web"] }]
        }
        let d = RuleSet.check(config, group: "web")
        #expect(d.contains { $0.code == "HG307" && $0.path == "services[1]" })
        #expect(d.contains { $0.code == "HG302" && $0.path == "vm[1].memory" })
        let map = GroupPathMap(config: config, group: "web")
        #expect(map.original("services[0].ports[0].port") == "services[1].ports[0].port")
        #expect(map.original("http_service.checks[0]") == "http_service.checks[0]")
        #expect(map.original("services[5]") == "services[5]")
    }

    @Test func locatesThroughTheSourceMap() {
        let loaded = FlyConfigLoader.load(text: """
            app = "demo"

            [checks.status]
              port = 8080
              interval = "1s"
            """)
        let d = RuleSet.validate(loaded)
        let short = d.first { $0.code == "HG205" }
        #expect(short?.position == SourcePosition(line: 5, column: 3))
        let type = d.first { $0.code == "HG204" }
        #expect(type?.position?.line == 3)
        #expect(RuleSet.check(FlyConfigLoader.load(text: "app = 1\n[[services]]\nconcurrency = 3")).isEmpty)
    }
}

@Suite struct RuleSetExtremeValueTests {
    /// Every integer the file can hold, at both ends: the rules report, never trap.
    @Test func extremeNumbersDoNotCrash() {
        for n in [Int.max, Int.min, 0, -1] {
            var port = ServicePort(port: n, handlers: ["http"])
            port.startPort = n
            port.endPort = n == Int.min ? Int.max : n
            var service = makeService(internalPort: n, ports: [])
            service.ports = [port, ServicePort(port: 80, handlers: nil)]
            service.concurrency = Concurrency(type: "requests", softLimit: n, hardLimit: n == Int.min ? Int.max : Int.min)
            service.minMachinesRunning = n
            var span = ServicePort()
            span.startPort = Int.min
            span.endPort = Int.max
            service.ports?.append(span)
            let config = makeConfig {
                $0.services = [service, service]
                $0.vm = [
                    makeVM { $0.cpus = n; $0.memoryMB = n }, makeVM { $0.memoryMB = n; $0.cpuKind = "performance" },
                    makeVM { $0.memory = "\(n)"; $0.cpus = n },
                ]
                $0.mounts = [makeMount { $0.snapshotRetention = n; $0.autoExtendSizeThreshold = n; $0.initialSize = "\(n)" }]
                var build = Build()
                build.compressionLevel = n
                $0.build = build
                var deploy = Deploy()
                deploy.maxUnavailable = Double(n)
                $0.deploy = deploy
                $0.killTimeout = FlyDuration(nanoseconds: Int64(n))
                $0.env = ["A": "localhost:\(n)", "B": "http://localhost:99999999999999999999999"]
            }
            #expect(!RuleSet.check(config).isEmpty)
        }
    }
}
