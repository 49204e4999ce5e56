/// Every rule Hangar runs, in code order. Add a rule here when you add its file.
public enum RuleSet {
    public static let all: [any Rule] = [
        DeployStrategyRule(),
    ]

    /// Runs every rule. With `group`, validates that group's flattened view as flyctl's per-group
    /// validation does.
    public static func check(
        _ config: AppConfig,
        group: String? = nil,
        directory: String? = nil,
        locate: @escaping @Sendable (String) -> SourcePosition? = { _ in nil }
    ) -> [Diagnostic] {
        let view = group.map { config.flattened(for: $0) } ?? config
        let context = RuleContext(config: view, group: group, directory: directory, locate: locate)
        return all.flatMap { $0.check(context) }
    }
}
