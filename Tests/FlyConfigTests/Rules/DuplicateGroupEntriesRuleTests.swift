import Testing
@testable import FlyConfig

@Suite struct DuplicateGroupEntriesRuleTests {
    @Test func acceptsOneEntryPerGroup() {
        let config = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.vm = [makeVM { $0.size = "shared-cpu-2x" }, makeVM { $0.processes = ["worker"] }]
            $0.restart = [Restart(policy: "always", processes: ["web"]), Restart(policy: "never", processes: ["worker"])]
            $0.metrics = [Metrics(port: 9091)]
        }
        #expect(DuplicateGroupEntriesRule().run(config).isEmpty)
    }

    @Test func warnsAboutIgnoredEntries() {
        let config = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.vm = [makeVM { $0.processes = ["web"] }, makeVM { $0.processes = ["web", "worker"] }, makeVM { _ in }, makeVM { _ in }]
            $0.restart = [Restart(policy: "always"), Restart(policy: "never", processes: ["web"])]
            $0.metrics = [Metrics(port: 1, processes: ["worker"]), Metrics(port: 2, processes: ["worker"])]
        }
        let d = DuplicateGroupEntriesRule().run(config)
        #expect(d.paths == ["vm[0]", "restart[0]", "metrics[1]"])
        #expect(d.allSatisfy { $0.severity == .warning && $0.code == "HG316" })
        #expect(d[0].message == "vm[0] is ignored for group 'web': vm[1] applies too and the last [[vm]] listing a group wins")
        #expect(d[2].message.hasPrefix("metrics[1] is ignored for group 'worker': metrics[0] applies too") == true)
    }

    @Test func warnsAboutTwoGlobalVMs() {
        let config = makeConfig { $0.vm = [makeVM { $0.size = "shared-cpu-1x" }, makeVM { $0.size = "shared-cpu-2x" }] }
        let d = DuplicateGroupEntriesRule().run(config)
        #expect(d.paths == ["vm[1]"])
        #expect(d.first?.message.contains("the first [[vm]] without processes wins") == true)
    }

    @Test func perGroupMessagesNameTheFileEntries() {
        let config = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.restart = [Restart(policy: "never", processes: ["worker"]), Restart(policy: "always", processes: ["web"]), Restart(policy: "no", processes: ["web"])]
        }
        let d = DuplicateGroupEntriesRule().run(config, group: "web")
        #expect(d.paths == ["restart[1]"])
        #expect(d.first?.message.hasPrefix("restart[1] is ignored for group 'web': restart[2] applies too") == true)
    }
}
