import FlyConfig
import Foundation
import Testing

/// Robustness: many thousands of damaged documents go through the reader. It must never crash, and
/// every rejection must carry a position inside the document.
@Suite struct TOMLMutationTests {
    static let batches = 10
    static let mutantsPerBatch = 2_000

    static func corpus() throws -> [[UInt8]] {
        var corpus: [[UInt8]] = []
        for folder in ["real", "flyctl-testdata"] {
            corpus += try SharedCorpus.tomlFiles(in: folder).map(SharedCorpus.bytes)
        }
        let list = try String(contentsOf: SharedCorpus.url("toml-test/files-toml-1.0.0"), encoding: .utf8)
        for name in list.split(separator: "\n") where name.hasPrefix("valid/") && name.hasSuffix(".toml") {
            corpus.append(try SharedCorpus.bytes(SharedCorpus.url("toml-test/tests/\(name)")))
        }
        return corpus
    }

    @Test(arguments: 0..<batches)
    func mutantsNeverCrashAndErrorsHavePositions(batch: Int) throws {
        let mutants = Mutator(seed: 0xF1_0000 + UInt64(batch)).mutants(of: try Self.corpus(), count: Self.mutantsPerBatch)
        var problems: [String] = []
        var rejected = 0
        for (i, mutant) in mutants.enumerated() {
            do {
                let table = try TOMLParser.parse(mutant)
                if let problem = Self.positionProblem(in: table, LineWidths(mutant)) {
                    problems.append("mutant \(batch)/\(i) accepted with \(problem)")
                }
            } catch {
                rejected += 1
                if !LineWidths(mutant).contains(error.position) {
                    problems.append("mutant \(batch)/\(i): error position out of the document: \(error)")
                }
            }
        }
        #expect(mutants.count == Self.mutantsPerBatch)
        #expect(rejected > Self.mutantsPerBatch / 2, "most mutants should be invalid TOML")
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(50).joined(separator: "\n"))")
    }

    static func positionProblem(in table: TOMLTable, _ lines: LineWidths) -> String? {
        for entry in table.entries {
            if !lines.contains(entry.keyPosition) { return "key \(entry.key) at \(entry.keyPosition)" }
            if let problem = positionProblem(in: entry.node, lines) { return problem }
        }
        return nil
    }

    static func positionProblem(in node: TOMLNode, _ lines: LineWidths) -> String? {
        if !lines.contains(node.position) { return "value at \(node.position)" }
        switch node.value {
        case .table(let table): return positionProblem(in: table, lines)
        case .array(let elements): return elements.lazy.compactMap { positionProblem(in: $0, lines) }.first
        default: return nil
        }
    }
}
