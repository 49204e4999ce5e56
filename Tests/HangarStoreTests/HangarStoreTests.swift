import Testing
@testable import HangarStore

@Suite struct HangarStoreModuleTests {
    @Test func moduleLinks() {
        #expect(String(describing: HangarStore.self) == "HangarStore")
    }
}
