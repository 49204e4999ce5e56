import FlyConfig
import HangarCore

/// Renders a plan as one Kubernetes YAML stream: the Secret (key names only), the release Job,
/// then per process group its workload (Deployment, or StatefulSet with a volume claim), Services,
/// Ingress and autoscaler.
enum KubernetesRenderer {
    static func render(plan: Plan, config: AppConfig, options: ExportOptions) throws(ExportError) -> ExportOutput {
        let context = KubernetesContext(plan: plan, config: config, options: options)
        var warnings = WarningList()
        if context.image.isPlaceholder { warnings.add(contentsOf: [ImageChoice.placeholderWarning(app: plan.app)]) }

        var pods = KubernetesPodBuilder(context: context)
        var exposure = KubernetesExposure(context: context)
        var groupObjects: [any Encodable & Sendable] = []
        for group in plan.groups {
            groupObjects += workload(group, context: context, pods: &pods, warnings: &warnings)
            let kind = group.spec.mount == nil ? "Deployment" : "StatefulSet"
            groupObjects += exposure.objects(for: group, workloadKind: kind)
            restartWarnings(group, config: config, warnings: &warnings)
        }

        var documents: [any Encodable & Sendable] = []
        if !context.secretKeys.isEmpty { documents.append(secret(context)) }
        documents += pods.configMaps
        if let job = releaseJob(context, pods: &pods, warnings: &warnings) { documents.append(job) }
        documents += groupObjects

        warnings.add(contentsOf: pods.warnings.all)
        warnings.add(contentsOf: exposure.warnings.all)
        warnings.add(contentsOf: deployWarnings(plan: plan, config: config))
        warnings.add(
            contentsOf: PrivateNetworkHints.warnings(
                env: config.env ?? [:], groups: plan.groups.map(\.name), defaultGroup: config.defaultProcessGroup,
                instead: { "use the Service name '\(context.reachableName($0))' in its place" }))
        warnings.add(contentsOf: UnsupportedKeys.warnings(config: config, plan: plan, target: .kubernetes))
        return ExportOutput(text: try YAMLDocuments.encode(documents), warnings: warnings.all)
    }

    // MARK: Workloads

    static func workload(
        _ group: GroupPlan, context: KubernetesContext, pods: inout KubernetesPodBuilder, warnings: inout WarningList
    ) -> [any Encodable & Sendable] {
        let labels = KubernetesLabels.group(app: context.app, group: group.name)
        let name = context.workloadName(group.name)
        guard let mount = group.spec.mount else {
            let template = pods.template(for: group, claim: nil)
            return [
                Deployment(
                    metadata: context.meta(name, labels: labels),
                    spec: Deployment.Spec(
                        replicas: group.count, selector: LabelSelector(matchLabels: labels),
                        strategy: strategy(context.plan.deploy, count: group.count),
                        progressDeadlineSeconds: ResourceMapping.seconds(context.plan.deploy.waitTimeout, minimum: 1),
                        template: template))
            ]
        }
        let claim = ExportNames.label(mount.volume.isEmpty ? "data" : mount.volume)
        let template = pods.template(for: group, claim: claim)
        if context.plan.deploy.batchSize(of: group.count) > 1 {
            warnings.add(
                "deploy.max_unavailable", "a StatefulSet replaces its pods one at a time",
                instead: "expect slower deploys of '\(group.name)', or set updateStrategy.rollingUpdate.maxUnavailable where your cluster supports it")
        }
        let headless = Service(
            metadata: context.meta(context.headlessName(group.name), labels: labels),
            spec: Service.Spec(type: "ClusterIP", clusterIP: "None", selector: labels))
        let set = StatefulSet(
            metadata: context.meta(name, labels: labels),
            spec: StatefulSet.Spec(
                serviceName: context.headlessName(group.name), replicas: group.count,
                selector: LabelSelector(matchLabels: labels), podManagementPolicy: "Parallel", template: template,
                volumeClaimTemplates: [
                    StatefulSet.ClaimTemplate(
                        metadata: TemplateMeta(name: claim, labels: labels),
                        spec: StatefulSet.ClaimSpec(
                            accessModes: ["ReadWriteOnce"],
                            resources: StatefulSet.ClaimResources(
                                requests: SortedMap(["storage": YAMLText("\(max(mount.initialSizeGB, 1))G")]))))
                ]))
        return [set, headless]
    }

    /// rolling → RollingUpdate replacing `max_unavailable` pods at a time without extra pods (as Fly
    /// replaces Machines in place); immediate → Recreate; canary → one extra pod first; bluegreen →
    /// a full set of new pods before the old ones go.
    static func strategy(_ deploy: DeploySpec, count: Int) -> Deployment.Strategy {
        switch deploy.strategy {
        case .immediate:
            return Deployment.Strategy(type: "Recreate")
        case .rolling:
            let batch = max(1, deploy.batchSize(of: max(count, 1)))
            return Deployment.Strategy(
                type: "RollingUpdate", rollingUpdate: Deployment.RollingUpdate(maxUnavailable: .int(batch), maxSurge: .int(0)))
        case .canary:
            return Deployment.Strategy(
                type: "RollingUpdate", rollingUpdate: Deployment.RollingUpdate(maxUnavailable: .int(0), maxSurge: .int(1)))
        case .bluegreen:
            return Deployment.Strategy(
                type: "RollingUpdate", rollingUpdate: Deployment.RollingUpdate(maxUnavailable: .int(0), maxSurge: .string("100%")))
        }
    }

    static func deployWarnings(plan: Plan, config: AppConfig) -> [ExportWarning] {
        var list = WarningList()
        switch plan.deploy.strategy {
        case .canary:
            list.add(
                "deploy.strategy", "a Deployment has no canary step; it starts one new pod and waits for it to be ready before replacing the rest",
                instead: "use Argo Rollouts or Flagger for a canary you can hold and promote")
        case .bluegreen:
            list.add(
                "deploy.strategy", "a Deployment has no blue/green switch; it starts a full set of new pods (maxSurge 100%) before removing the old ones",
                instead: "use Argo Rollouts for a blue/green switch with a preview Service")
        case .rolling, .immediate:
            break
        }
        if config.experimental?.autoRollback != nil {
            list.add(
                "experimental.auto_rollback", "a Deployment stops at its progress deadline but does not roll back",
                instead: "run kubectl rollout undo when kubectl rollout status fails, or use Argo Rollouts")
        }
        return list.all
    }

    static func restartWarnings(_ group: GroupPlan, config: AppConfig, warnings: inout WarningList) {
        guard let index = (config.restart ?? []).lastIndex(where: { config.applies($0.processes, to: group.name) }) else { return }
        let restart = group.spec.restart
        if restart.policy != .always {
            warnings.add(
                "restart[\(index)].policy",
                "pods of a Deployment or StatefulSet always restart (with back-off), not '\(restart.policy.rawValue)'",
                instead: "make the process exit only on failure, or run it as a Job if it should stop")
        }
        if config.restart?[index].retries != nil {
            warnings.add(
                "restart[\(index)].retries", "Kubernetes restarts without a retry limit (CrashLoopBackOff)",
                instead: "alert on restarts (kube_pod_container_status_restarts_total)")
        }
    }

    // MARK: Secret and release

    static func secret(_ context: KubernetesContext) -> Secret {
        Secret(
            metadata: context.meta(
                context.secretName, labels: KubernetesLabels.app(context.app),
                annotations: [KubernetesContext.annotationPrefix + "secret-keys": context.secretKeys.joined(separator: ",")]))
    }

    /// The release command as a Job that Helm runs before installing or upgrading (hook
    /// annotations); applied with kubectl, apply it and wait for it first.
    static func releaseJob(_ context: KubernetesContext, pods: inout KubernetesPodBuilder, warnings: inout WarningList) -> Job? {
        guard let argv = context.plan.deploy.releaseCommand, !argv.isEmpty else { return nil }
        let group = context.plan.group(context.config.defaultProcessGroup) ?? context.plan.groups.first
        let command = ContainerCommand.release(argv, config: context.config)
        var env = group?.spec.env ?? [:]
        env["FLY_PROCESS_GROUP"] = nil
        let guest = context.plan.deploy.releaseCommandGuest ?? group?.spec.guest ?? Guest(cpuKind: "shared", cpus: 1, memoryMB: 256)
        let container = Container(
            name: "release", image: context.image.reference, command: command.entrypoint, args: command.cmd,
            env: pods.env(env, secrets: group?.spec.secretNames ?? []), resources: pods.resources(guest))
        let labels = KubernetesLabels.group(app: context.app, group: "release")
        return Job(
            metadata: context.meta(
                ExportNames.label(context.app, "release"), labels: labels,
                annotations: [
                    "helm.sh/hook": "pre-install,pre-upgrade",
                    "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded",
                ]),
            spec: Job.Spec(
                backoffLimit: 0,
                activeDeadlineSeconds: ResourceMapping.seconds(context.plan.deploy.releaseCommandTimeout, minimum: 1),
                template: PodTemplate(
                    metadata: TemplateMeta(labels: labels),
                    spec: PodSpec(restartPolicy: "Never", containers: [container]))))
    }
}
