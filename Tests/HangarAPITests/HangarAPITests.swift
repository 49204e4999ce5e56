import Testing
@testable import HangarAPI

@Suite struct HangarAPIModuleTests {
    @Test func moduleLinks() {
        #expect(String(describing: HangarAPI.self) == "HangarAPI")
    }
}
