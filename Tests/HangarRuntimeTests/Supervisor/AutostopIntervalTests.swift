import Testing
@testable import HangarRuntime

@Suite struct AutostopIntervalTests {
    @Test func theFlagWinsOverTheEnvironmentWhichWinsOverTheDefault() throws {
        let env = [AutostopInterval.environmentVariable: "2s"]
        #expect(try AutostopInterval.resolve(flag: "1s", environment: env) == .seconds(1))
        #expect(try AutostopInterval.resolve(flag: nil, environment: env) == .seconds(2))
        #expect(try AutostopInterval.resolve(flag: nil, environment: [:]) == SupervisorOptions.defaultAutostopInterval)
        #expect(try AutostopInterval.resolve(flag: "1m30s", environment: [:]) == .seconds(90))
    }

    @Test func badValuesNameTheirOriginAndTheFix() {
        #expect(throws: AutostopInterval.Invalid.self) { try AutostopInterval.resolve(flag: "soon", environment: [:]) }
        do {
            _ = try AutostopInterval.resolve(flag: nil, environment: [AutostopInterval.environmentVariable: "5"])
            Issue.record("a bare number is not a duration")
        } catch {
            #expect(error.message.contains(AutostopInterval.environmentVariable))
            #expect(error.message.contains("5m"))
        }
        do {
            _ = try AutostopInterval.resolve(flag: "1ms", environment: [:])
            Issue.record("1ms is below the minimum")
        } catch {
            #expect(error.message.contains("--autostop-interval"))
            #expect(error.message.contains("too short"))
        }
    }
}
