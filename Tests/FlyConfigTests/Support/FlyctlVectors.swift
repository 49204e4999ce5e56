import Foundation
import Testing
@testable import FlyConfig

/// Loading the flyctl test vectors (`shared/corpus/flyctl-testdata`).
enum FlyctlVectors {
    static func load(_ name: String) -> LoadedConfig {
        FlyConfigLoader.load(path: SharedCorpus.url("flyctl-testdata/\(name)").path)
    }

    /// The config of a vector that must load cleanly (no error); records an issue otherwise.
    static func config(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> AppConfig {
        let loaded = load(name)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty || loaded.config == nil {
            Issue.record("\(name) did not load: \(errors.map { $0.formatted(file: name) })", sourceLocation: sourceLocation)
        }
        return loaded.config ?? AppConfig()
    }

    static func duration(_ text: String) -> FlyDuration? {
        try? FlyDuration.parse(text)
    }
}

