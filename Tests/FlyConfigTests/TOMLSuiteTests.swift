import FlyConfig
import Foundation
import Testing

/// The toml-test suite, TOML 1.0.0 subset: every valid document must read to exactly the expected
/// data, every invalid one must be rejected with a position.
@Suite struct TOMLSuiteTests {
    static let root = SharedCorpus.url("toml-test/tests")

    static func listed(_ prefix: String) throws -> [String] {
        let list = try String(contentsOf: SharedCorpus.url("toml-test/files-toml-1.0.0"), encoding: .utf8)
        return list.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".toml") }
    }

    @Test func validDocumentsReadToTheExpectedData() throws {
        let names = try Self.listed("valid/")
        #expect(names.count == 210)
        var failures: [String] = []
        for name in names {
            let document = Self.root.appendingPathComponent(name)
            let expectedURL = document.deletingPathExtension().appendingPathExtension("json")
            let expected = try TaggedJSON(jsonData: Data(contentsOf: expectedURL))
            do {
                let table = try TOMLParser.parse(SharedCorpus.bytes(document))
                let actual = TaggedJSON(table)
                if actual != expected {
                    failures.append("\(name): read \(actual)\n    expected \(expected)")
                }
            } catch let error as TOMLError {
                failures.append("\(name): rejected at \(error)")
            }
        }
        #expect(failures.isEmpty, """
            \(names.count - failures.count)/\(names.count) valid documents read correctly. Failures:
            \(failures.joined(separator: "\n"))
            """)
    }

    @Test func invalidDocumentsAreRejectedWithAPosition() throws {
        let names = try Self.listed("invalid/")
        #expect(names.count == 499)
        var failures: [String] = []
        for name in names {
            let bytes = try SharedCorpus.bytes(Self.root.appendingPathComponent(name))
            do {
                let table = try TOMLParser.parse(bytes)
                failures.append("\(name): accepted as \(TaggedJSON(table))")
            } catch {
                if !LineWidths(bytes).contains(error.position) {
                    failures.append("\(name): rejected with a position outside the document: \(error)")
                }
            }
        }
        #expect(failures.isEmpty, """
            \(names.count - failures.count)/\(names.count) invalid documents rejected. Failures:
            \(failures.joined(separator: "\n"))
            """)
    }
}
