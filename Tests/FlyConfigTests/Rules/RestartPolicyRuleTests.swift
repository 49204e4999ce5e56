import Testing
@testable import FlyConfig

@Suite struct RestartPolicyRuleTests {
    @Test func acceptsValidPolicies() {
        let config = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.restart = [
                Restart(policy: "always", processes: ["web"]), Restart(policy: "on-failure", retries: 3),
                Restart(policy: "never", processes: ["worker"]),
            ]
        }
        #expect(RestartPolicyRule().run(config).isEmpty)
    }

    @Test func rejectsInvalidAndMissingPolicy() {
        let config = makeConfig { $0.restart = [Restart(policy: "no"), Restart(policy: nil), Restart(policy: "sometimes")] }
        let d = RestartPolicyRule().run(config)
        #expect(d.codes == ["HG215", "HG215", "HG215"])
        #expect(d.map(\.message) == ["invalid restart policy: no", "invalid restart policy: ", "invalid restart policy: sometimes"])
        #expect(d.paths == ["restart[0].policy", "restart[1]", "restart[2].policy"])
        #expect(d[0].hint == "write policy = \"never\"")
        #expect(d.allSatisfy { $0.severity == .error })
    }

    @Test func rejectsUndefinedGroups() {
        let config = makeConfig {
            $0.processes = ["web": ""]
            $0.restart = [Restart(policy: "always", processes: ["web", "worker"])]
        }
        let d = RestartPolicyRule().run(config)
        #expect(d.codes == ["HG214"])
        #expect(d.first?.message.hasPrefix("Restart policy specifies 'worker' as one of its processes") == true)
        #expect(d.first?.path == "restart[0].processes")
    }
}
