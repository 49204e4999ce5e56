import FlyConfig
import Foundation
import Testing

/// Robustness of the whole config engine: damaged fly.toml files go through loading, decoding,
/// every rule and the JSON renderer. Nothing may crash, and every error must point into the file.
@Suite struct ConfigMutationTests {
    static let batches = 10
    static let mutantsPerBatch = 2_000

    static func corpus() throws -> [[UInt8]] {
        try ["real", "flyctl-testdata"].flatMap { try SharedCorpus.tomlFiles(in: $0).map(SharedCorpus.bytes) }
    }

    @Test(arguments: 0..<batches)
    func mutantsNeverCrashAndEveryErrorHasAPosition(batch: Int) throws {
        let mutants = Mutator(seed: 0xC0_FF16 + UInt64(batch)).mutants(of: try Self.corpus(), count: Self.mutantsPerBatch)
        var problems: [String] = []
        var failed = 0
        for (i, mutant) in mutants.enumerated() {
            let loaded = FlyConfigLoader.load(bytes: mutant, file: "fly.toml", directory: "/nonexistent/hangar-mutants")
            let report = FlyConfigValidator.validate(loaded)
            if loaded.config != nil { _ = ConfigRenderer.json(loaded) }
            let widths = LineWidths(mutant)
            if !report.ok { failed += 1 }
            for error in report.errors {
                guard let position = error.position, position.isKnown, widths.contains(position) else {
                    problems.append("mutant \(batch)/\(i): \(error.code) \(error.message) at \(error.position?.description ?? "no position")")
                    continue
                }
            }
        }
        #expect(failed > 0, "the mutator should break some documents")
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(20).joined(separator: "\n"))")
    }
}
