import Testing
@testable import FlyConfig

@Suite struct BuildStrategyRuleTests {
    @Test func acceptsOneStrategy() {
        var build = Build()
        build.dockerfile = "Dockerfile"
        build.buildTarget = "prod"
        #expect(BuildStrategyRule().run(makeConfig { $0.build = build }).isEmpty)
    }

    @Test func warnsAboutSeveral() {
        var build = Build()
        build.image = "foo/fighter"
        build.builder = "paketo"
        build.dockerfile = "Dockerfile"
        build.builtin = "node"
        let d = BuildStrategyRule().run(makeConfig { $0.build = build })
        #expect(d.codes == ["HG222"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.message == "more than one build configuration found: [the \"foo/fighter\" docker image, a buildpack, the \"Dockerfile\" dockerfile, the \"node\" builtin image]")
        #expect(d.first?.path == "build")
        #expect(d.first?.hint?.hasPrefix("image is used") == true)
    }
}
