import Foundation
import Testing

/// Keeps `RealCorpus.expectations` in step with the files of ../shared/corpus/real/.
/// Reads only the folder listing: no parser is involved.
@Suite struct RealCorpusListTests {
    /// `../shared/corpus/real` beside the repository root (this file is two folders below it).
    static var folder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // FlyConfigTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent(RealCorpus.folder)
            .standardizedFileURL
    }

    static func corpusFiles() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return names.filter { $0.hasSuffix(".toml") }.sorted()
    }

    @Test func corpusFolderHoldsOneHundredFiftyFiles() throws {
        let files = try Self.corpusFiles()
        #expect(files.count == 150)
    }

    @Test func expectationsHaveNoDuplicates() {
        let names = RealCorpus.expectations.map(\.file)
        var seen = Set<String>()
        let duplicates = names.filter { !seen.insert($0).inserted }
        #expect(duplicates.isEmpty, "listed twice: \(duplicates)")
        #expect(names.count == 150)
    }

    @Test func expectationsCoverExactlyTheCorpusFiles() throws {
        let onDisk = Set(try Self.corpusFiles())
        let listed = Set(RealCorpus.expectations.map(\.file))
        let missing = onDisk.subtracting(listed).sorted()
        let stale = listed.subtracting(onDisk).sorted()
        #expect(missing.isEmpty, "corpus files without an expectation: \(missing)")
        #expect(stale.isEmpty, "expectations for files not in the corpus: \(stale)")
    }

    @Test func everyNonValidVerdictSaysWhy() {
        let unexplained = RealCorpus.expectations
            .filter { $0.verdict != .valid && $0.why.isEmpty }
            .map(\.file)
        #expect(unexplained.isEmpty, "non-valid without a reason: \(unexplained)")
    }

    @Test func syntaxErrorLinesArePositive() {
        for expectation in RealCorpus.expectations {
            if case .invalidTOML(let line) = expectation.verdict {
                #expect(line > 0, "\(expectation.file)")
            }
        }
    }
}
