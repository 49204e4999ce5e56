/// One file's verdict: what loading found plus what the rules found, in file order.
public struct ValidationReport: Sendable {
    public var file: String
    public var loaded: LoadedConfig
    /// Every finding, sorted by position (findings without a position last), then by code.
    public var diagnostics: [Diagnostic]

    /// No errors (warnings and notes do not fail validation).
    public var ok: Bool { !diagnostics.contains { $0.severity == .error } }

    /// The file could not be read at all.
    public var unreadable: Bool { diagnostics.contains { $0.code == DecodeCode.unreadable } }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Load + rules: the whole of `hangar validate` for one file.
public enum FlyConfigValidator {
    /// Validates the file at `path` (a directory means `path/fly.toml`). With `strict`, unknown keys
    /// are errors, as with flyctl's `--strict`.
    public static func validate(path: String, strict: Bool = false) -> ValidationReport {
        validate(FlyConfigLoader.load(path: path), strict: strict)
    }

    /// Validates fly.toml contents given as text (for tests and the API).
    public static func validate(text: String, file: String = "fly.toml", directory: String? = nil) -> ValidationReport {
        validate(FlyConfigLoader.load(text: text, file: file, directory: directory ?? "."), group: nil)
    }

    /// Runs the rules on a loaded config. A config that did not load (syntax error, degraded load)
    /// keeps only its load diagnostics, as flyctl reports only the load error then. With `group`,
    /// validates that process group alone (flyctl's per-group validation).
    public static func validate(_ loaded: LoadedConfig, group: String? = nil, strict: Bool = false) -> ValidationReport {
        var diagnostics = loaded.diagnostics
        if strict {
            for i in diagnostics.indices where diagnostics[i].code == DecodeCode.unknownKey {
                diagnostics[i].severity = .error
            }
        }
        diagnostics += RuleSet.check(loaded, group: group)
        return ValidationReport(file: loaded.file, loaded: loaded, diagnostics: sorted(diagnostics))
    }

    /// File order: by position, unpositioned findings last; ties by severity then code.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let pa = a.element.position.flatMap { $0.isKnown ? $0 : nil }
            let pb = b.element.position.flatMap { $0.isKnown ? $0 : nil }
            switch (pa, pb) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.element.severity != b.element.severity { return a.element.severity < b.element.severity }
            if a.element.code != b.element.code { return a.element.code < b.element.code }
            return a.offset < b.offset
        }.map(\.element)
    }
}
