/// Every rule Hangar runs, in code order. Add a rule here when you add its file.
public enum RuleSet {
    public static let all: [any Rule] = [
        CommandSplitRule(),
        DeployStrategyRule(),
        CanaryVolumesRule(),
        TopLevelCheckRule(),
        ServiceProcessesRule(),
        MountInitialSizeRule(),
        SnapshotRetentionRule(),
        AutoExtendRule(),
        RestartPolicyRule(),
        BuildCompressionRule(),
        ServicePortsRule(),
        ServiceCheckTimingRule(),
        BuildStrategyRule(),
        MaxUnavailableRule(),
        VMSizeRule(),
        VMMemoryRule(),
        CheckPortRule(),
        MountCountRule(),
        DurationSanityRule(),
        MachineConfigRule(),
        ServiceDefinitionRule(),
        ConcurrencyRule(),
        KillSignalRule(),
        EnvNamesRule(),
        StaticsRule(),
        FilesRule(),
        GroupReferencesRule(),
        PublicPortsRule(),
        MinMachinesRule(),
        DuplicateGroupEntriesRule(),
        EnvSecretsRule(),
        LocalhostEnvRule(),
        CommandPathRule(),
        HealthCheckRule(),
        AutoStartRule(),
        ForceHTTPSRule(),
        MountGroupRule(),
        RestartDefaultGroupRule(),
    ]

    /// Runs every rule. With `group`, validates that group's flattened view as flyctl's per-group
    /// validation does.
    public static func check(
        _ config: AppConfig,
        group: String? = nil,
        directory: String? = nil,
        locate: @escaping @Sendable (String) -> SourcePosition? = { _ in nil }
    ) -> [Diagnostic] {
        let context: RuleContext
        if let group {
            let map = GroupPathMap(config: config, group: group)
            context = RuleContext(
                config: config.flattened(for: group), group: group, directory: directory, locate: locate,
                originalPath: { map.original($0) })
        } else {
            context = RuleContext(config: config, directory: directory, locate: locate)
        }
        return all.flatMap { $0.check(context) }
    }

    /// Runs every rule on a loaded config, positioned through its source map; nothing when the load
    /// failed or is degraded (its diagnostics already carry the error).
    public static func check(_ loaded: LoadedConfig, group: String? = nil) -> [Diagnostic] {
        guard let config = loaded.config else { return [] }
        let map = loaded.sourceMap
        return check(config, group: group, directory: loaded.directory, locate: { map.position(of: $0) })
    }

    /// Everything known about a loaded config (the loader's findings and the rules'), in file order.
    public static func validate(_ loaded: LoadedConfig, group: String? = nil) -> [Diagnostic] {
        FlyConfigValidator.validate(loaded, group: group).diagnostics
    }
}
