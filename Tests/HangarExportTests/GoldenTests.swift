import Foundation
import Testing
@testable import HangarExport

/// Both examples in all three formats, byte for byte against `Golden/<example>/`, with the warnings
/// beside them. `HANGAR_UPDATE_GOLDEN=1 swift test --filter GoldenTests` rewrites the files.
@Suite struct GoldenTests {
    static let update = ProcessInfo.processInfo.environment["HANGAR_UPDATE_GOLDEN"] == "1"

    @Test(arguments: ExportFixtures.examples, ExportFormat.allCases)
    func matchesGolden(example: String, format: ExportFormat) throws {
        let output = try ExportFixtures.renderExample(example, format)
        let dir = ExportFixtures.golden.appendingPathComponent(example)
        try compare(output.text, dir.appendingPathComponent(format.fileName))
        let warnings = output.warnings.map(\.description).joined(separator: "\n") + "\n"
        try compare(warnings, dir.appendingPathComponent("\(format.rawValue).warnings.txt"))
    }

    @Test(arguments: ExportFixtures.examples, ExportFormat.allCases)
    func renderingIsDeterministic(example: String, format: ExportFormat) throws {
        let first = try ExportFixtures.renderExample(example, format)
        for _ in 0..<3 {
            #expect(try ExportFixtures.renderExample(example, format) == first)
        }
    }

    private func compare(_ text: String, _ url: URL) throws {
        if Self.update {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let data = try #require(
            FileManager.default.contents(atPath: url.path),
            "missing \(url.path): run HANGAR_UPDATE_GOLDEN=1 swift test --filter GoldenTests")
        let expected = String(decoding: data, as: UTF8.self)
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let want = line < a.count ? String(a[line]) : "<end>"
            let got = line < b.count ? String(b[line]) : "<end>"
            Issue.record("\(url.lastPathComponent) differs at line \(line + 1):\n  golden: \(want)\n  now:    \(got)\n(HANGAR_UPDATE_GOLDEN=1 regenerates)")
        }
    }
}
