import Testing
@testable import FlyConfig

@Suite struct EnvNamesRuleTests {
    @Test func warnsAboutFlyPrefix() {
        let d = EnvNamesRule().run(makeConfig { $0.env = ["FLY_APP_NAME": "x", "PORT": "8080", "FLYWAY_URL": "x"] })
        #expect(d.codes == ["HG310"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.path == "env.FLY_APP_NAME")
        #expect(d.first?.message.contains("FLY_ prefix") == true)
    }

    @Test func notesPrimaryRegionOverride() {
        let d = EnvNamesRule().run(makeConfig {
            $0.primaryRegion = "ord"
            $0.env = ["PRIMARY_REGION": "ams"]
        })
        #expect(d.codes == ["HG310"])
        #expect(d.first?.severity == .info)
        #expect(d.first?.message == "PRIMARY_REGION in [env] ('ams') is replaced by primary_region ('ord')")
        #expect(d.first?.path == "env.PRIMARY_REGION")
        // Without primary_region the [env] value survives.
        #expect(EnvNamesRule().run(makeConfig { $0.env = ["PRIMARY_REGION": "ams"] }).isEmpty)
    }
}
