import FlyConfig
import HangarCore

/// A group's pod template: the container (command, env, secrets, resources, probes), its files and
/// the pod-level settings (grace period, stop signal note, metrics annotations).
struct KubernetesPodBuilder {
    var context: KubernetesContext
    var warnings = WarningList()
    /// ConfigMaps made for inline `[[files]]`.
    var configMaps: [ConfigMap] = []

    init(context: KubernetesContext) {
        self.context = context
    }

    mutating func template(for group: GroupPlan, claim: String?) -> PodTemplate {
        let spec = group.spec
        let command = ContainerCommand.overrides(group: group.name, config: context.config)
        var mounts: [VolumeMount] = []
        var volumes: [Volume] = []
        if let mount = spec.mount, let claim {
            mounts.append(VolumeMount(name: claim, mountPath: mount.destination))
        }
        addFiles(group: group, mounts: &mounts, volumes: &volumes)

        var container = Container(
            name: ExportNames.label(group.name), image: context.image.reference,
            command: command.entrypoint, args: command.cmd,
            ports: ports(spec), env: env(spec.env, secrets: spec.secretNames),
            resources: resources(spec.guest), volumeMounts: mounts.isEmpty ? nil : mounts)
        container.readinessProbe = readiness(spec)
        container.livenessProbe = liveness(spec)
        if let swap = spec.swapSizeMB, swap > 0 {
            warnings.add(
                "swap_size_mb", "Kubernetes gives pods no swap of their own",
                instead: "size memory for the peak, or enable node swap (NodeSwap, LimitedSwap) on the nodes")
        }
        return PodTemplate(
            metadata: TemplateMeta(
                labels: KubernetesLabels.group(app: context.app, group: group.name),
                annotations: SortedMap(podAnnotations(spec).mapValues { YAMLText($0) }).nonEmpty),
            spec: PodSpec(
                terminationGracePeriodSeconds: ResourceMapping.seconds(spec.stop.timeout),
                containers: [container], volumes: volumes.isEmpty ? nil : volumes))
    }

    // MARK: Container parts

    func ports(_ spec: MachineSpec) -> [ContainerPort]? {
        var result: [ContainerPort] = []
        for service in spec.services where service.internalPort > 0 {
            let proto = service.protocol.lowercased() == "udp" ? "UDP" : "TCP"
            let port = ContainerPort(
                name: ExportNames.portName(proto, service.internalPort), containerPort: service.internalPort,
                protocol: proto)
            if !result.contains(where: { $0.containerPort == port.containerPort && $0.protocol == proto }) {
                result.append(port)
            }
        }
        return result.isEmpty ? nil : result
    }

    /// `[env]` as values, then each secret as a `secretKeyRef` (a secret wins over an env entry of
    /// the same name, as on Fly). Never a secret value.
    func env(_ env: [String: String], secrets: [String]) -> [EnvVar]? {
        let secretSet = Set(secrets)
        var result = SortedMap(env).entries.filter { !secretSet.contains($0.key) }.map {
            EnvVar(name: $0.key, value: YAMLText($0.value))
        }
        for name in secrets.sorted() {
            result.append(
                EnvVar(
                    name: name,
                    valueFrom: EnvVar.ValueFrom(secretKeyRef: EnvVar.KeyRef(name: context.secretName, key: name))))
        }
        return result.isEmpty ? nil : result
    }

    func resources(_ guest: Guest) -> Resources {
        let memory = ResourceMapping.kubernetesMemory(guest.memoryMB)
        let limitMemory = ResourceMapping.kubernetesMemory(max(guest.maxMemoryMB ?? 0, guest.memoryMB))
        var limits: [String: YAMLText] = [
            "cpu": YAMLText(ResourceMapping.kubernetesCPULimit(guest)), "memory": YAMLText(limitMemory),
        ]
        if let gpus = guest.gpus, gpus > 0 { limits["nvidia.com/gpu"] = YAMLText(String(gpus)) }
        return Resources(
            requests: SortedMap(["cpu": YAMLText(ResourceMapping.kubernetesCPURequest(guest)), "memory": YAMLText(memory)]),
            limits: SortedMap(limits))
    }

    // MARK: Probes

    mutating func readiness(_ spec: MachineSpec) -> Probe? {
        var owners: [(CheckSpec, ServiceSpec)] = []
        for service in spec.services { for check in service.checks { owners.append((check, service)) } }
        let choice = CheckSelection.primary(owners.map(\.0))
        for check in choice.leftOut {
            let service = owners.first { $0.0 == check }?.1
            warnings.add(
                CheckSelection.configPath(check, service: service),
                "a container has one readinessProbe; the \(check.kind.rawValue) check on port \(check.port) is not exported",
                instead: "serve one health endpoint that covers both checks")
        }
        guard let chosen = choice.chosen else { return nil }
        let service = owners.first { $0.0 == chosen }?.1
        return probe(chosen, key: CheckSelection.configPath(chosen, service: service))
    }

    mutating func liveness(_ spec: MachineSpec) -> Probe? {
        guard !spec.checks.isEmpty else { return nil }
        guard context.options.liveness else {
            for check in spec.checks {
                warnings.add(
                    "checks.\(check.name)",
                    "Fly's machine checks never restart a Machine, and a livenessProbe would, so it is not exported",
                    instead: "pass --liveness to export it as a livenessProbe, or watch it from your monitoring")
            }
            return nil
        }
        let choice = CheckSelection.primary(spec.checks)
        for check in choice.leftOut {
            warnings.add(
                "checks.\(check.name)", "a container has one livenessProbe; this check is not exported",
                instead: "serve one health endpoint that covers every check")
        }
        return choice.chosen.map { probe($0, key: "checks.\($0.name)") }
    }

    mutating func probe(_ check: CheckSpec, key: String) -> Probe {
        var probe = Probe(
            initialDelaySeconds: ResourceMapping.seconds(check.gracePeriod),
            periodSeconds: ResourceMapping.seconds(check.interval, minimum: 1),
            timeoutSeconds: ResourceMapping.seconds(check.timeout, minimum: 1))
        switch check.kind {
        case .tcp:
            probe.tcpSocket = Probe.TCPSocket(port: check.port)
        case .http:
            let headers = SortedMap(check.headers).entries.map { Probe.Header(name: $0.key, value: YAMLText($0.value)) }
            probe.httpGet = Probe.HTTPGet(
                path: check.path ?? "/", port: check.port, scheme: check.scheme?.lowercased() == "https" ? "HTTPS" : "HTTP",
                httpHeaders: headers.isEmpty ? nil : headers)
            if let method = check.method, method.uppercased() != "GET" {
                warnings.add(
                    key, "Kubernetes probes send GET, not \(method.uppercased())",
                    instead: "make the health endpoint answer GET")
            }
            if let server = check.tlsServerName, !server.isEmpty {
                warnings.add(
                    key, "Kubernetes probes cannot set the TLS server name '\(server)'",
                    instead: "make the endpoint answer without SNI, or probe over plain HTTP")
            }
        }
        return probe
    }

    // MARK: Pod settings

    mutating func podAnnotations(_ spec: MachineSpec) -> [String: String] {
        var annotations: [String: String] = [:]
        if let signal = context.config.killSignal, !signal.isEmpty, signal.uppercased() != "SIGTERM" {
            annotations[KubernetesContext.annotationPrefix + "kill-signal"] = signal
            warnings.add(
                "kill_signal", "Kubernetes stops containers with the image's STOPSIGNAL (SIGTERM unless set), not \(signal)",
                instead: "add `STOPSIGNAL \(signal)` to the Dockerfile (the container runtime honours it), "
                    + "or make the app exit on SIGTERM")
        }
        if let metrics = spec.metrics, let port = metrics.port {
            annotations["prometheus.io/scrape"] = "true"
            annotations["prometheus.io/port"] = String(port)
            annotations["prometheus.io/path"] = metrics.path ?? "/metrics"
            if metrics.https == true { annotations["prometheus.io/scheme"] = "https" }
        }
        return annotations
    }

    /// `[[files]]`: inline contents → a ConfigMap, secret files → the app's Secret, each mounted
    /// at its path. Local files cannot be read here.
    mutating func addFiles(group: GroupPlan, mounts: inout [VolumeMount], volumes: inout [Volume]) {
        var data: [String: String] = [:]
        var usesSecret = false
        for (i, file) in group.spec.files.enumerated() {
            let key = "files[\(i)]"
            guard let path = file.guestPath, !path.isEmpty else { continue }
            let itemKey = "f\(i)-" + ExportNames.label(lastComponent(path))
            if let local = file.localPath, !local.isEmpty {
                warnings.add(
                    key, "the local file '\(local)' is not embedded in the export",
                    instead: "create a ConfigMap from it (kubectl create configmap \(context.filesName(group.name))-local "
                        + "--from-file=\(local)) and mount it at \(path)")
            } else if let secret = file.secretName, !secret.isEmpty {
                usesSecret = true
                mounts.append(VolumeMount(name: "secret-files", mountPath: path, subPath: secret, readOnly: true))
            } else if let raw = file.rawValue {
                data[itemKey] = raw
                mounts.append(VolumeMount(name: "files", mountPath: path, subPath: itemKey, readOnly: true))
            }
        }
        if !data.isEmpty {
            let name = context.filesName(group.name)
            configMaps.append(
                ConfigMap(
                    metadata: context.meta(name, labels: KubernetesLabels.group(app: context.app, group: group.name)),
                    data: SortedMap(data.mapValues { YAMLText($0) })))
            volumes.append(Volume(name: "files", configMap: Volume.Source(name: name)))
        }
        if usesSecret {
            volumes.append(Volume(name: "secret-files", secret: Volume.SecretSource(secretName: context.secretName)))
        }
    }

    private func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? "file"
    }
}
