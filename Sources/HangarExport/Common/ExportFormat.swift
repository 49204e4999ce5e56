import FlyConfig
import HangarCore

/// The targets of `hangar export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    case kubernetes, nomad, compose

    /// The file name the CLI writes with `-o DIR`.
    public var fileName: String {
        switch self {
        case .kubernetes: "kubernetes.yaml"
        case .nomad: "nomad.hcl"
        case .compose: "compose.yaml"
        }
    }
}

/// The HangarExport module: renders a `Plan` (and the config keys a plan does not carry) for
/// another engine. Pure: no I/O.
public enum HangarExport {
    /// Renders `plan` in `format`.
    public static func render(
        _ format: ExportFormat, plan: Plan, config: AppConfig, options: ExportOptions = ExportOptions()
    ) throws(ExportError) -> ExportOutput {
        switch format {
        case .kubernetes: try KubernetesRenderer.render(plan: plan, config: config, options: options)
        case .nomad: try NomadRenderer.render(plan: plan, config: config, options: options)
        case .compose: try ComposeRenderer.render(plan: plan, config: config, options: options)
        }
    }

    /// The plan an export renders: like `Plan.make`, but a group without a command is fine (the
    /// image's CMD runs).
    public static func plan(
        config: AppConfig, appName: String? = nil, counts: [String: Int] = [:], secretNames: [String] = [],
        image: ImageDefaults = .none
    ) throws(PlanError) -> Plan {
        try Plan.make(
            config: config, appName: appName, scale: GroupScale(counts), secretNames: secretNames, image: image,
            requireCommand: false)
    }
}
