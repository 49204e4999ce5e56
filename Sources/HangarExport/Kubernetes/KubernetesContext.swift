import FlyConfig
import HangarCore

/// What every Kubernetes builder needs: the plan, the config, the options, the chosen image and
/// the names of the objects.
struct KubernetesContext {
    var plan: Plan
    var config: AppConfig
    var options: ExportOptions
    var image: ImageChoice

    /// Annotation prefix for what Hangar records on objects.
    static let annotationPrefix = "hangar.dev/"

    init(plan: Plan, config: AppConfig, options: ExportOptions) {
        self.plan = plan
        self.config = config
        self.options = options
        self.image = ImageChoice.choose(app: plan.app, config: config, options: options)
    }

    var app: String { plan.app }

    func meta(_ name: String, labels: SortedMap<YAMLText>, annotations: [String: String] = [:]) -> ObjectMeta {
        ObjectMeta(
            name: name, namespace: options.namespace.flatMap { $0.isEmpty ? nil : $0 }, labels: labels,
            annotations: SortedMap(annotations.mapValues { YAMLText($0) }).nonEmpty)
    }

    /// The workload of a group (Deployment or StatefulSet).
    func workloadName(_ group: String) -> String { ExportNames.label(app, group) }

    /// The headless Service of a StatefulSet (stable pod names).
    func headlessName(_ group: String) -> String { ExportNames.label(app, group, "headless") }

    /// The Service for one of the group's Fly services.
    func serviceName(_ group: GroupPlan, _ service: ServiceSpec) -> String {
        group.spec.services.count == 1
            ? ExportNames.label(app, group.name) : ExportNames.label(app, group.name, String(service.internalPort))
    }

    var secretName: String { ExportNames.label(app, "secrets") }

    func filesName(_ group: String) -> String { ExportNames.label(app, group, "files") }

    /// The name other groups reach `group` by: its first Service, else the StatefulSet's headless
    /// Service.
    func reachableName(_ group: String) -> String {
        guard let g = plan.group(group) else { return workloadName(group) }
        if let first = g.spec.services.first { return serviceName(g, first) }
        if g.spec.mount != nil { return headlessName(group) }
        return workloadName(group) + " (add a Service for it: the group has none)"
    }

    /// Every secret key the pods read: `--secret` names and `[[files]]` secret names.
    var secretKeys: [String] {
        var keys = Set(plan.groups.flatMap(\.spec.secretNames))
        for group in plan.groups {
            for file in group.spec.files { if let name = file.secretName, !name.isEmpty { keys.insert(name) } }
        }
        return keys.sorted()
    }
}
