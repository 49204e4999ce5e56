import Testing
@testable import FlyConfig

@Suite struct CanaryVolumesRuleTests {
    private func config(_ strategy: String?, mounts: [Mount]?) -> AppConfig {
        makeConfig {
            var deploy = Deploy()
            deploy.strategy = strategy
            $0.deploy = deploy
            $0.mounts = mounts
        }
    }

    @Test func rejectsCanaryWithMounts() {
        let d = CanaryVolumesRule().run(config("canary", mounts: [makeMount()]))
        #expect(d.codes == ["HG203"])
        #expect(d.first?.severity == .error)
        #expect(d.first?.message == "error canary deployment strategy is not supported when using mounted volumes")
        #expect(d.first?.path == "deploy.strategy")
    }

    @Test func acceptsCanaryWithoutMountsAndOtherStrategiesWithMounts() {
        #expect(CanaryVolumesRule().run(config("canary", mounts: nil)).isEmpty)
        #expect(CanaryVolumesRule().run(config("rolling", mounts: [makeMount()])).isEmpty)
        #expect(CanaryVolumesRule().run(config(nil, mounts: [makeMount()])).isEmpty)
    }

    @Test func perGroupOnlyTheGroupWithTheMountFails() {
        let c = makeConfig {
            var deploy = Deploy()
            deploy.strategy = "canary"
            $0.deploy = deploy
            $0.processes = ["app": "", "foo": ""]
            $0.mounts = [makeMount(processes: ["app"])]
        }
        #expect(CanaryVolumesRule().run(c, group: "app").codes == ["HG203"])
        #expect(CanaryVolumesRule().run(c, group: "foo").isEmpty)
    }
}
