import Testing
@testable import HangarRuntime

@Suite struct HangarRuntimeModuleTests {
    @Test func moduleLinks() {
        #expect(String(describing: HangarRuntime.self) == "HangarRuntime")
    }
}
