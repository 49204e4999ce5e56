import Testing
@testable import HangarExport

@Suite struct HangarExportModuleTests {
    @Test func moduleLinks() {
        #expect(String(describing: HangarExport.self) == "HangarExport")
    }
}
