import FlyConfig
import HangarCore

/// Renders a plan as a compose file: a service per process group (replicas, command, env, secret
/// names, ports, healthcheck, volume, restart, stop signal and grace period, resources), and a
/// one-off `release` service the others wait for.
enum ComposeRenderer {
    static func render(plan: Plan, config: AppConfig, options: ExportOptions) throws(ExportError) -> ExportOutput {
        var builder = ComposeServiceBuilder(plan: plan, config: config, options: options)
        var services: [String: ComposeService] = [:]
        let release = builder.releaseService()
        let releaseName = plan.group("release") == nil ? "release" : "release-command"
        for group in plan.groups {
            var service = builder.service(group)
            if release != nil {
                service.dependsOn = SortedMap([releaseName: ComposeService.Dependency(condition: "service_completed_successfully")])
            }
            services[ExportNames.label(group.name)] = service
        }
        if let release { services[releaseName] = release }

        let file = ComposeFile(
            name: ExportNames.label(plan.app), services: SortedMap(services),
            volumes: SortedMap(builder.volumes).nonEmpty, configs: SortedMap(builder.configs).nonEmpty,
            secrets: SortedMap(builder.secrets).nonEmpty)
        var warnings = builder.warnings
        warnings.add(
            contentsOf: PrivateNetworkHints.warnings(
                env: config.env ?? [:], groups: plan.groups.map(\.name), defaultGroup: config.defaultProcessGroup,
                instead: { "use the compose service name '\(ExportNames.label($0))' in its place" }))
        warnings.add(contentsOf: UnsupportedKeys.warnings(config: config, plan: plan, target: .compose))
        return ExportOutput(text: try YAMLDocuments.encode(file), warnings: warnings.all)
    }
}
