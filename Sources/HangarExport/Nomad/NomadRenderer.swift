import FlyConfig
import HangarCore

/// Renders a plan as one Nomad job (HCL2): a `group` per process group with its count, update,
/// restart, network, services with checks and volume, and a task running the image (docker) or the
/// local command (raw_exec); the release command is a prestart task of the default group.
enum NomadRenderer {
    static func render(plan: Plan, config: AppConfig, options: ExportOptions) throws(ExportError) -> ExportOutput {
        var job = try job(plan: plan, config: config, options: options)
        let text = HCLWriter.write(HCLBody([.block(job.block)]))
        job.warnings.add(contentsOf: UnsupportedKeys.warnings(config: config, plan: plan, target: .nomad))
        return ExportOutput(text: text, warnings: job.warnings.all)
    }

    struct Job {
        var block: HCLBlock
        var warnings: WarningList
    }

    /// The job as an HCL model (tests read it directly).
    static func job(plan: Plan, config: AppConfig, options: ExportOptions) throws(ExportError) -> Job {
        var warnings = WarningList()
        let image = ImageChoice.choose(app: plan.app, config: config, options: options)
        if options.driver == .docker && image.isPlaceholder {
            warnings.add(contentsOf: [ImageChoice.placeholderWarning(app: plan.app)])
        }
        var body = HCLBody()
        if let ns = options.namespace, !ns.isEmpty { body.set("namespace", ns) }
        body.set("type", "service")
        let releaseGroup = plan.group(config.defaultProcessGroup)?.name ?? plan.groups.first?.name
        for group in plan.groups {
            var builder = NomadGroupBuilder(plan: plan, config: config, options: options, image: image)
            let block = try builder.group(group, withRelease: group.name == releaseGroup)
            body.append(block)
            warnings.add(contentsOf: builder.warnings.all)
        }
        warnings.add(
            contentsOf: PrivateNetworkHints.warnings(
                env: config.env ?? [:], groups: plan.groups.map(\.name), defaultGroup: config.defaultProcessGroup,
                instead: { reachable(plan: plan, group: $0) }))
        return Job(block: HCLBlock(type: "job", labels: [plan.app], body: body), warnings: warnings)
    }

    static func serviceName(app: String, group: String) -> String { ExportNames.label(app, group) }

    /// How another task reaches `group`: the address of its first Nomad service, read with a
    /// template (the port is dynamic).
    static func reachable(plan: Plan, group: String) -> String {
        guard let g = plan.group(group) else { return serviceName(app: plan.app, group: group) }
        let names = NomadGroupBuilder.serviceNames(app: plan.app, group: g)
        guard let name = names.fly.first ?? names.checks.sorted(by: { $0.key < $1.key }).first?.value else {
            return "add a Nomad service to the group '\(group)' and use its address"
        }
        return "use the address of the Nomad service '\(name)', rendered by a template: "
            + "{{ range nomadService \"\(name)\" }}{{ .Address }}:{{ .Port }}{{ end }}"
    }

    /// The Nomad variable path every task of the job may read: where the secrets live.
    static func variablePath(app: String) -> String { "nomad/jobs/\(app)" }
}
