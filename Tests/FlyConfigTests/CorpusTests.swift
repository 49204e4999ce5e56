import Foundation
import Testing
@testable import FlyConfig

/// The 150 real fly.toml files: every one loads without crashing; valid TOML gives a config or a
/// degraded load whose errors all have a position. Prints a summary for comparison with the
/// corpus classification against flyctl's rules.
@Suite struct CorpusTests {
    private static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: SharedCorpus.url("real"), includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.contains(".toml") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func realCorpusLoads() throws {
        let files = try Self.files()
        #expect(files.count == 150)
        var loadedCount = 0
        var syntax: [String] = []
        var degraded: [String] = []
        var warnings: [String: Int] = [:]
        for url in files {
            let name = url.lastPathComponent
            let loaded = FlyConfigLoader.load(path: url.path)
            for d in loaded.diagnostics where d.severity != .error {
                warnings[d.code, default: 0] += 1
            }
            if loaded.raw == nil {
                let first = loaded.diagnostics.first
                #expect(first?.code == DecodeCode.syntax, "\(name)")
                syntax.append("  " + (first.map { $0.formatted(file: name) } ?? name))
                continue
            }
            if let config = loaded.config {
                loadedCount += 1
                #expect(!ConfigRenderer.json(loaded).isEmpty)
                for group in config.processNames { _ = config.services(for: group); _ = try? config.guest(for: group) }
                continue
            }
            let errors = loaded.loadErrors
            #expect(!errors.isEmpty, "\(name) degraded without an error")
            for error in errors {
                #expect(error.position?.isKnown == true, "\(name): \(error.message)")
                #expect(error.path != nil, "\(name): \(error.message)")
            }
            let reasons = errors.map { "\($0.position?.description ?? "?") [\($0.code)] \($0.message)" }
            degraded.append("  \(name): " + reasons.joined(separator: " | "))
        }
        var summary = "Real corpus: \(files.count) files, \(loadedCount) load, \(degraded.count) degraded, \(syntax.count) TOML syntax errors\n"
        summary += "Degraded loads (flyctl keeps only `app`):\n" + degraded.joined(separator: "\n") + "\n"
        summary += "TOML syntax errors:\n" + syntax.joined(separator: "\n") + "\n"
        summary += "Non-fatal findings by code: " + warnings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print(summary)
        #expect(loadedCount + degraded.count + syntax.count == files.count)
    }

    @Test func unknownKeySummary() throws {
        var lines: [String] = []
        for url in try Self.files() {
            let loaded = FlyConfigLoader.load(path: url.path)
            for d in loaded.diagnostics where d.code == DecodeCode.unknownKey || d.code == DecodeCode.ignoredLegacyKey {
                lines.append("  \(url.lastPathComponent):\(d.position?.description ?? "?") [\(d.code)] \(d.path ?? "") — \(d.hint ?? "no hint")")
                #expect(d.position?.isKnown == true)
            }
        }
        print("Unknown and ignored keys in the real corpus (\(lines.count)):\n" + lines.joined(separator: "\n"))
    }
}
