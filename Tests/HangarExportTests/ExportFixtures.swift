import FlyConfig
import Foundation
import HangarCore
import Testing
@testable import HangarExport

/// Configs, plans and options shared by the export tests.
enum ExportFixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `../shared` beside the repository.
    static let shared = repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let support = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let examples = ["api-worker", "mcp-vector"]

    /// How the golden files are rendered (also listed in Golden/README.md).
    struct Setup: Sendable {
        var counts: [String: Int]
        var secrets: [String]
        var options: ExportOptions
    }

    static let goldenSetups: [String: Setup] = [
        "api-worker": Setup(
            counts: ["api": 3, "worker": 2], secrets: ["API_TOKEN"],
            options: ExportOptions(image: "ghcr.io/example/api-worker:1.0", host: "api.example.com")),
        "mcp-vector": Setup(
            counts: ["web": 2], secrets: ["EMBEDDING_API_KEY"],
            options: ExportOptions(image: "ghcr.io/example/mcp-vector:1.0")),
    ]

    static func config(text: String) throws -> AppConfig {
        let loaded = FlyConfigLoader.load(text: text)
        return try #require(loaded.config, "\(loaded.diagnostics)")
    }

    static func example(_ name: String) throws -> AppConfig {
        let loaded = FlyConfigLoader.load(path: repoRoot.appendingPathComponent("examples/\(name)/fly.toml").path)
        return try #require(loaded.config)
    }

    /// Renders an example as its golden file is rendered.
    static func renderExample(_ name: String, _ format: ExportFormat) throws -> ExportOutput {
        let setup = try #require(goldenSetups[name])
        let config = try example(name)
        let plan = try HangarExport.plan(config: config, counts: setup.counts, secretNames: setup.secrets)
        return try HangarExport.render(format, plan: plan, config: config, options: setup.options)
    }

    /// Renders fly.toml text with the given settings.
    static func render(
        _ text: String, _ format: ExportFormat, counts: [String: Int] = [:], secrets: [String] = [],
        options: ExportOptions = ExportOptions(image: "registry.example.com/app:1")
    ) throws -> ExportOutput {
        let config = try config(text: text)
        let plan = try HangarExport.plan(config: config, counts: counts, secretNames: secrets)
        return try HangarExport.render(format, plan: plan, config: config, options: options)
    }

    // MARK: The real corpus

    struct CorpusCase: Sendable {
        var name: String
        var config: AppConfig
        var plan: Plan
        var options: ExportOptions
    }

    struct Corpus: Sendable {
        var cases: [CorpusCase]
        /// Files left out, with the reason (config errors, or no plan).
        var invalid: [String]
        var unplannable: [(String, String)]
        var total: Int
    }

    /// Every file of `../shared/corpus/real/` that validates, planned with two Machines per group,
    /// two secret names, and on every other file a host name and `--liveness`.
    static let corpus: Corpus = {
        let dir = shared.appendingPathComponent("corpus/real")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        var cases: [CorpusCase] = []
        var invalid: [String] = []
        var unplannable: [(String, String)] = []
        for (i, name) in names.enumerated() {
            let report = FlyConfigValidator.validate(path: dir.appendingPathComponent(name).path)
            guard report.ok, let config = report.loaded.config else {
                invalid.append(name)
                continue
            }
            let counts = Dictionary(uniqueKeysWithValues: config.processNames.map { ($0, 2) })
            do {
                // A config without `app` is deployed with --app; name it after its repository.
                let app = (config.app ?? "").isEmpty ? name.components(separatedBy: "__").dropFirst().first : nil
                let plan = try HangarExport.plan(
                    config: config, appName: app, counts: counts, secretNames: ["APP_SECRET", "DATABASE_URL"])
                let options = i % 2 == 0
                    ? ExportOptions()
                    : ExportOptions(image: "registry.example.com/app:1", namespace: "apps", liveness: true, host: "app.example.com")
                cases.append(CorpusCase(name: name, config: config, plan: plan, options: options))
            } catch {
                unplannable.append((name, "\(error)"))
            }
        }
        return Corpus(cases: cases, invalid: invalid, unplannable: unplannable, total: names.count)
    }()

    /// The examples (golden setups) plus the corpus, rendered in `format`, as file name → text.
    static func renderAll(_ format: ExportFormat, ext: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in examples {
            files["example-\(name).\(ext)"] = try renderExample(name, format).text
        }
        for c in corpus.cases {
            files["\(c.name).\(ext)"] = try HangarExport.render(format, plan: c.plan, config: c.config, options: c.options).text
        }
        return files
    }
}
