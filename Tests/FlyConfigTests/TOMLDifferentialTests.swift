import FlyConfig
import Foundation
import Testing

/// Our reader against Python's standard `tomllib` on the same bytes: the real fly.toml corpus,
/// flyctl's test files and generated documents must get the same verdict and the same data.
@Suite struct TOMLDifferentialTests {
    static let generatedCount = 400

    static func documents() throws -> [(name: String, bytes: [UInt8])] {
        var documents: [(name: String, bytes: [UInt8])] = []
        for folder in ["real", "flyctl-testdata"] {
            for url in try SharedCorpus.tomlFiles(in: folder) {
                documents.append(("\(folder)/\(url.lastPathComponent)", try SharedCorpus.bytes(url)))
            }
        }
        var generator = TOMLDocumentGenerator(seed: 0x7F1C_0DE5)
        for i in 0..<generatedCount {
            documents.append(("generated/\(i).toml", Array(generator.document().utf8)))
        }
        return documents
    }

    @Test func agreesWithPythonTomllib() throws {
        let documents = try Self.documents()
        let python = try PythonTOMLReader.read(documents)
        var failures: [String] = []
        var rejectedByBoth: [String] = []
        for (name, bytes) in documents {
            let text = String(decoding: bytes.prefix(2000), as: UTF8.self)
            let ours: Result<TOMLTable, TOMLError> = Result { () throws(TOMLError) in try TOMLParser.parse(bytes) }
            switch (ours, python[name]) {
            case (.success(let table), .accepted(let expected)?):
                let actual = TaggedJSON(table)
                if actual != expected {
                    failures.append("\(name): data differs\n  ours:   \(actual)\n  python: \(expected)\n\(text)")
                }
            case (.failure(let error), .rejected?):
                rejectedByBoth.append(name)
                if error.position.line < 1 { failures.append("\(name): rejected without a position: \(error)") }
            case (.success, .rejected(let message)?):
                failures.append("\(name): we accept, python rejects: \(message)\n\(text)")
            case (.failure(let error), .accepted?):
                failures.append("\(name): we reject at \(error), python accepts\n\(text)")
            case (_, nil):
                failures.append("\(name): no result from python")
            }
        }
        #expect(documents.count >= Self.generatedCount + 190)
        #expect(failures.isEmpty, """
            \(documents.count - failures.count)/\(documents.count) documents agree with tomllib. Disagreements:
            \(failures.joined(separator: "\n"))
            """)
        // The three real files that are not valid TOML.
        #expect(rejectedByBoth.sorted() == [
            "real/MayaReinart__aitools__fly.worker.toml",
            "real/ebalo55__OpenForum__fly.toml",
            "real/ftpfranco__empatodo2__fly.toml",
        ])
    }
}
