import Foundation
import Testing
@testable import FlyConfig

/// Every real-world fly.toml of ../shared/corpus/real gets flyctl's verdict (see
/// Fixtures/RealCorpusExpectations.swift for each file's expected outcome and why).
@Suite struct RealCorpusTests {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/corpus/real")
    }

    private static func codes(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { "\($0.code)@\($0.position?.description ?? "?") \($0.message)" }.joined(separator: "; ")
    }

    @Test func everyFileGetsFlyctlsVerdict() {
        var mismatches: [String] = []
        var warningCounts: [String: Int] = [:]
        for expectation in RealCorpus.expectations {
            let report = FlyConfigValidator.validate(path: Self.folder.appendingPathComponent(expectation.file).path)
            let errors = report.errors
            for w in report.warnings { warningCounts[w.code, default: 0] += 1 }

            // Every error, whatever the verdict, points into the file.
            if let unplaced = errors.first(where: { ($0.position?.line ?? 0) < 1 }) {
                mismatches.append("\(expectation.file): error without a position: \(unplaced.code) \(unplaced.message)")
            }
            switch expectation.verdict {
            case .valid:
                if !errors.isEmpty { mismatches.append("\(expectation.file): expected valid, got \(Self.codes(errors))") }
            case .invalidTOML(let line):
                if errors.count != 1 || errors.first?.code != DecodeCode.syntax || errors.first?.position?.line != line {
                    mismatches.append("\(expectation.file): expected a syntax error at line \(line), got \(Self.codes(errors))")
                }
            case .degraded:
                if !errors.contains(where: { $0.code.hasPrefix("HG1") }) || report.loaded.config != nil {
                    mismatches.append("\(expectation.file): expected a degraded load, got \(Self.codes(errors))")
                }
            case .rejected:
                if errors.isEmpty || !errors.allSatisfy({ $0.code.hasPrefix("HG2") }) {
                    mismatches.append("\(expectation.file): expected flyctl validation errors, got \(Self.codes(errors))")
                }
            case .rejectedAtDeploy:
                if errors.isEmpty || !errors.allSatisfy({ $0.code.hasPrefix("HG3") }) {
                    mismatches.append("\(expectation.file): expected deploy-time errors, got \(Self.codes(errors))")
                }
            }
        }
        let summary = warningCounts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("real corpus warnings by code: \(summary)")
        #expect(mismatches.isEmpty, "\(mismatches.count) corpus files differ:\n\(mismatches.joined(separator: "\n"))")
    }
}
