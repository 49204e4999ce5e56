/// One validation rule: a stable code and a check over a decoded config.
///
/// Rules are pure: they read the `RuleContext` and return findings. They run only on configs that
/// decoded (a degraded load already carries its error). Each rule lives in its own file named after
/// it, with its tests in `Tests/FlyConfigTests/Rules/`.
public protocol Rule: Sendable {
    /// The codes this rule can emit (most rules have exactly one), e.g. `["HG202"]`.
    var codes: [String] { get }
    /// One line for docs/diagnostics.md.
    var summary: String { get }
    func check(_ context: RuleContext) -> [Diagnostic]
}

/// Everything a rule may look at.
public struct RuleContext: Sendable {
    /// The config being validated: the whole app, or one group's flattened view.
    public let config: AppConfig
    /// The group being validated alone (flyctl's per-group validation), or nil for the whole app.
    public let group: String?
    /// The directory holding the fly.toml (for checks on files the config names), when known.
    public let directory: String?
    private let locate: @Sendable (String) -> SourcePosition?
    private let mapPath: @Sendable (String) -> String

    /// `originalPath` turns a path in `config` into the path in the file; per-group validation
    /// uses it because the flattened view renumbers array entries (see `GroupPathMap`).
    public init(
        config: AppConfig,
        group: String? = nil,
        directory: String? = nil,
        locate: @escaping @Sendable (String) -> SourcePosition? = { _ in nil },
        originalPath: @escaping @Sendable (String) -> String = { $0 }
    ) {
        self.config = config
        self.group = group
        self.directory = directory
        self.locate = locate
        self.mapPath = originalPath
    }

    /// The groups under validation: the one group, or every group of the app.
    public var groups: [String] { group.map { [$0] } ?? config.processNames }

    /// The file's path for a path in `config` (they differ only in per-group validation, where
    /// array entries are renumbered). Use it for paths quoted in messages.
    public func originalPath(_ path: String) -> String { mapPath(path) }

    /// Where `path` (a path in `config`) or its nearest known ancestor is written in the file.
    public func position(_ path: String) -> SourcePosition? { locate(mapPath(path)) }

    /// A diagnostic positioned at `path` (a path in `config`; reported as the path in the file).
    public func diagnostic(
        _ severity: Severity, _ code: String, _ message: String, hint: String? = nil, path: String
    ) -> Diagnostic {
        let original = mapPath(path)
        return Diagnostic(severity, code: code, message, hint: hint, at: locate(original), path: original)
    }

    public func error(_ code: String, _ message: String, hint: String? = nil, path: String) -> Diagnostic {
        diagnostic(.error, code, message, hint: hint, path: path)
    }

    public func warning(_ code: String, _ message: String, hint: String? = nil, path: String) -> Diagnostic {
        diagnostic(.warning, code, message, hint: hint, path: path)
    }

    public func info(_ code: String, _ message: String, hint: String? = nil, path: String) -> Diagnostic {
        diagnostic(.info, code, message, hint: hint, path: path)
    }
}
