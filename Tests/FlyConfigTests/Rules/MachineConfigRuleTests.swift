import Testing
@testable import FlyConfig

@Suite struct MachineConfigRuleTests {
    private func run(_ value: String?, experimental: String? = nil, container: String? = nil) -> [Diagnostic] {
        MachineConfigRule().run(makeConfig {
            $0.machineConfig = value
            $0.container = container
            if let experimental {
                var e = Experimental()
                e.machineConfig = experimental
                $0.experimental = e
            }
        })
    }

    @Test func acceptsInlineJSONAndJSONPaths() {
        #expect(run(nil).isEmpty)
        #expect(run("{\"dns\": {\"nameservers\": [\"1.2.3.4\"]}}").isEmpty)
        #expect(run("machine.json").isEmpty)
    }

    @Test func rejectsOtherSources() {
        let d = run("machine.yaml")
        #expect(d.codes == ["HG306"])
        #expect(d.first?.severity == .error)
        #expect(d.first?.message == "invalid machine config source: \"machine.yaml\"")
        #expect(d.first?.path == "machine_config")
        #expect(run(" {\"a\": 1}").first?.hint?.contains("leading whitespace") == true)
    }

    @Test func rejectsJSONThatDoesNotParse() {
        let d = run("{dns: 1}")
        #expect(d.codes == ["HG306"])
        #expect(d.first?.message.hasPrefix("invalid machine config \"{dns: 1}\"") == true)
    }

    @Test func experimentalWins() {
        let d = run("{}", experimental: "nope")
        #expect(d.paths == ["experimental.machine_config"])
    }

    @Test func checksContainers() {
        let json = "{\"containers\": [{\"name\": \"app\"}, {\"name\": \"sidecar\"}]}"
        let d = run(json)
        #expect(d.map(\.message) == ["container \"sidecar\" must have an image specified"])
        #expect(run(json, container: "web").map(\.message) == ["container \"web\" not found"])
        #expect(run("{\"containers\": [{\"name\": \"app\"}, {\"name\": \"db\", \"image\": \"postgres\"}]}").isEmpty)
    }

    @Test func composeTakesPrecedence() {
        let config = makeConfig {
            $0.machineConfig = "nope"
            var build = Build()
            build.compose = BuildCompose()
            $0.build = build
        }
        #expect(MachineConfigRule().run(config).isEmpty)
    }
}
