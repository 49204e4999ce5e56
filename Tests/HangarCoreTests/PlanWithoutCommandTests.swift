import FlyConfig
import Testing
@testable import HangarCore

@Suite struct PlanWithoutCommandTests {
    @Test func exportPlansLeaveTheCommandToTheImage() throws {
        let loaded = FlyConfigLoader.load(text: "app = \"a\"\n[http_service]\ninternal_port = 8080\n")
        let c = try #require(loaded.config)
        #expect(throws: PlanError.self) { try Plan.make(config: c) }
        let plan = try Plan.make(config: c, requireCommand: false)
        let spec = try #require(plan.group("app")?.spec)
        #expect(spec.command.isEmpty)
        #expect(spec.commandSource == MachineSpec.imageCommandSource)
        do {
            _ = try Plan.make(config: c)
        } catch {
            #expect(error.isMissingCommand)
        }
    }

    @Test func otherPlanErrorsStillThrow() throws {
        let loaded = FlyConfigLoader.load(text: "app = \"a\"\n[processes]\nweb = \"run 'unclosed\"\n")
        let c = try #require(loaded.config)
        #expect(throws: PlanError.self) { try Plan.make(config: c, requireCommand: false) }
    }
}
