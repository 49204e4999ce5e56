import FlyConfig
import HangarCore

/// Builds compose services from the plan's groups, collecting the top-level volumes, configs and
/// secrets they use.
struct ComposeServiceBuilder {
    var plan: Plan
    var config: AppConfig
    var options: ExportOptions
    var image: ImageChoice
    var warnings = WarningList()
    var volumes: [String: ComposeVolume] = [:]
    var configs: [String: ComposeConfig] = [:]
    var secrets: [String: ComposeSecret] = [:]

    init(plan: Plan, config: AppConfig, options: ExportOptions) {
        self.plan = plan
        self.config = config
        self.options = options
        self.image = ImageChoice.choose(app: plan.app, config: config, options: options)
    }

    mutating func service(_ group: GroupPlan) -> ComposeService {
        let spec = group.spec
        let command = ContainerCommand.overrides(group: group.name, config: config)
        var service = base(command: command, env: spec.env, secretNames: spec.secretNames, guest: spec.guest, replicas: group.count)
        service.stopSignal = spec.stop.signal
        service.stopGracePeriod = ResourceMapping.goDuration(spec.stop.timeout)
        service.restart = restart(spec.restart)
        publish(group, into: &service)
        service.healthcheck = healthcheck(spec)
        if let mount = spec.mount {
            let name = ExportNames.label(mount.volume.isEmpty ? "data" : mount.volume)
            volumes[name] = ComposeVolume()
            service.volumes = ["\(name):\(mount.destination)"]
            if group.count > 1 {
                warnings.add(
                    "mounts", "the \(group.count) replicas of '\(group.name)' share one Docker volume; on Fly each Machine has its own",
                    instead: "run one replica, or make the app safe with a shared directory")
            }
            if let index = (config.mounts ?? []).firstIndex(where: { config.applies($0.processes, to: group.name) }),
                config.mounts?[index].initialSize != nil
            {
                warnings.add(
                    "mounts[\(index)].initial_size", "Docker volumes have no size",
                    instead: "make sure the Docker host's disk has \(mount.initialSizeGB) GB free")
            }
        }
        files(group, into: &service)
        if let metrics = spec.metrics, let port = metrics.port {
            var labels: [String: YAMLText] = [
                "prometheus.io/scrape": "true", "prometheus.io/port": YAMLText(String(port)),
                "prometheus.io/path": YAMLText(metrics.path ?? "/metrics"),
            ]
            if metrics.https == true { labels["prometheus.io/scheme"] = "https" }
            service.labels = SortedMap(labels)
        }
        if let swap = spec.swapSizeMB, swap > 0 { service.memswapLimit = ResourceMapping.composeMemory(spec.guest.memoryMB + swap) }
        serviceWarnings(spec)
        return service
    }

    mutating func releaseService() -> ComposeService? {
        guard let argv = plan.deploy.releaseCommand, !argv.isEmpty else { return nil }
        let group = plan.group(config.defaultProcessGroup) ?? plan.groups.first
        var env = group?.spec.env ?? [:]
        env["FLY_PROCESS_GROUP"] = nil
        var service = base(
            command: ContainerCommand.release(argv, config: config), env: env, secretNames: group?.spec.secretNames ?? [],
            guest: plan.deploy.releaseCommandGuest ?? group?.spec.guest ?? Guest(cpuKind: "shared", cpus: 1, memoryMB: 256),
            replicas: 1)
        service.restart = "no"
        if config.deploy?.releaseCommandTimeout != nil {
            warnings.add(
                "deploy.release_command_timeout", "compose has no run-time limit for a service",
                instead: "put a timeout in the command itself (e.g. timeout \(ResourceMapping.seconds(plan.deploy.releaseCommandTimeout)) ...)")
        }
        return service
    }

    // MARK: parts

    private mutating func base(command: ContainerCommand, env: [String: String], secretNames: [String], guest: Guest, replicas: Int) -> ComposeService {
        let secretSet = Set(secretNames)
        var environment = SortedMap(env).entries.filter { !secretSet.contains($0.key) }.map { YAMLText("\($0.key)=\($0.value)") }
        environment += secretNames.sorted().map { YAMLText($0) }
        var devices: [ComposeService.Device]?
        if let gpus = guest.gpus, gpus > 0 { devices = [ComposeService.Device(driver: "nvidia", count: gpus, capabilities: ["gpu"])] }
        let deploy = plan.deploy
        var update: ComposeService.UpdateConfig?
        if replicas > 1 {
            update = ComposeService.UpdateConfig(
                parallelism: deploy.strategy == .immediate ? replicas : max(1, deploy.batchSize(of: replicas)),
                order: deploy.strategy == .rolling || deploy.strategy == .immediate ? "stop-first" : "start-first",
                monitor: ResourceMapping.goDuration(deploy.waitTimeout))
        }
        return ComposeService(
            image: image.reference, build: build(), entrypoint: command.entrypoint, command: command.cmd,
            environment: environment.isEmpty ? nil : environment,
            deploy: ComposeService.Deploy(
                replicas: replicas,
                resources: ComposeService.Resources(
                    limits: ComposeService.Limits(
                        cpus: String(max(guest.cpus, 1)),
                        memory: ResourceMapping.composeMemory(max(guest.maxMemoryMB ?? 0, guest.memoryMB))),
                    reservations: ComposeService.Reservations(
                        cpus: ResourceMapping.composeCPUReservation(guest), memory: ResourceMapping.composeMemory(guest.memoryMB),
                        devices: devices)),
                updateConfig: update))
    }

    /// Without an image, compose builds the Dockerfile (as `fly deploy` would).
    private mutating func build() -> ComposeService.Build? {
        guard image.isPlaceholder else { return nil }
        let b = config.build
        if b?.builder?.isEmpty == false || !(b?.buildpacks ?? []).isEmpty || b?.builtin?.isEmpty == false {
            warnings.add(
                "build", "compose builds Dockerfiles, not buildpacks or Fly builtins",
                instead: "build the image with pack build (or flyctl) and export again with --image")
        }
        let args = SortedMap((b?.args ?? [:]).mapValues { YAMLText($0) }).nonEmpty
        return ComposeService.Build(
            context: options.buildContext.isEmpty ? "." : options.buildContext, dockerfile: b?.dockerfile,
            target: b?.buildTarget, args: args)
    }

    private func restart(_ r: RestartSpec) -> String {
        switch r.policy {
        case .always: "always"
        case .never: "no"
        case .onFailure: "on-failure:\(max(r.maxRetries, 0))"
        }
    }

    /// Public ports of the edge become published ports on the Docker host (HTTP as plain HTTP;
    /// compose terminates no TLS). Several replicas cannot share a host port, so then the ports are
    /// only exposed.
    private mutating func publish(_ group: GroupPlan, into service: inout ComposeService) {
        var published: [String] = []
        var exposed: [String] = []
        var publishingKey: String?
        for svc in group.spec.services where svc.internalPort > 0 {
            let suffix = svc.protocol.lowercased() == "udp" ? "/udp" : ""
            exposed.append("\(svc.internalPort)\(suffix)")
            for (i, port) in svc.ports.enumerated() {
                let key = svc.source == "http_service" ? "http_service" : "\(svc.source).ports[\(i)]"
                if port.handlers.contains("tls") {
                    warnings.add(
                        key, "compose terminates no TLS; port \(port.start) is not published",
                        instead: "put a TLS-terminating proxy (Caddy, Traefik) in front of port \(port.start)")
                    continue
                }
                if port.forceHTTPS {
                    warnings.add(
                        "\(key).force_https", "compose has no edge to redirect HTTP to HTTPS",
                        instead: "redirect in the TLS-terminating proxy in front")
                }
                guard port.start > 0, port.end >= port.start, port.end - port.start < 100 else { continue }
                for p in port.start...port.end { published.append("\(p):\(svc.internalPort)\(suffix)") }
                if publishingKey == nil { publishingKey = "\(svc.source).ports" }
                if let options = port.httpOptions, options != HTTPOptions() {
                    warnings.add(
                        "\(key).http_options", "compose has no edge proxy to apply Fly's HTTP options",
                        instead: "set them (compression, timeouts, headers) in a proxy in front or in the app")
                }
                if port.proxyProtoOptions != nil {
                    warnings.add(
                        "\(key).proxy_proto_options", "compose has no edge proxy to add the PROXY protocol",
                        instead: "add it in a proxy in front, or drop it if the app does not need client addresses")
                }
                let handlers = Set(port.handlers).subtracting(["http", "tls"])
                for h in handlers.sorted() {
                    warnings.add(
                        "\(key).handlers", "compose has no edge handler '\(h)'",
                        instead: "handle it in the app or in a proxy in front")
                }
            }
        }
        if group.count > 1 && !published.isEmpty {
            warnings.add(
                publishingKey ?? "services", "the \(group.count) replicas of '\(group.name)' cannot share the host ports \(published.joined(separator: ", "))",
                instead: "put a proxy in front (Traefik, nginx) that forwards to the service '\(ExportNames.label(group.name))'")
            published = []
        }
        service.ports = published.isEmpty ? nil : published
        service.expose = published.isEmpty && !exposed.isEmpty ? Array(Set(exposed)).sorted() : nil
    }

    /// One healthcheck per container: the service checks' most telling one, else a top-level check.
    /// Run inside the container with curl/wget (HTTP) or nc (TCP).
    private mutating func healthcheck(_ spec: MachineSpec) -> ComposeService.Healthcheck? {
        let serviceChecks = spec.services.flatMap(\.checks)
        let choice = CheckSelection.primary(serviceChecks.isEmpty ? spec.checks : serviceChecks)
        var leftOut = choice.leftOut
        if !serviceChecks.isEmpty { leftOut += spec.checks }
        for check in leftOut {
            let service = spec.services.first { $0.checks.contains(check) }
            warnings.add(
                CheckSelection.configPath(check, service: service),
                "a compose service has one healthcheck; the \(check.kind.rawValue) check on port \(check.port) is not exported",
                instead: "serve one health endpoint that covers every check")
        }
        guard let check = choice.chosen else { return nil }
        let test: [String]
        switch check.kind {
        case .tcp:
            test = ["CMD-SHELL", "nc -z 127.0.0.1 \(check.port) || exit 1"]
        case .http:
            let scheme = check.scheme?.lowercased() == "https" ? "https" : "http"
            let url = "\(scheme)://127.0.0.1:\(check.port)\(check.path ?? "/")"
            var curl = ["curl", "-fsS", "-o", "/dev/null"]
            if let method = check.method, method.uppercased() != "GET" { curl += ["-X", method.uppercased()] }
            if check.tlsSkipVerify { curl.append("-k") }
            for (k, v) in SortedMap(check.headers).entries { curl += ["-H", "\(k): \(v)"] }
            let wget = "wget -q -O /dev/null " + ShellQuote.word(url)
            test = ["CMD-SHELL", (curl + [url]).map(ShellQuote.word).joined(separator: " ") + " || " + wget + " || exit 1"]
        }
        return ComposeService.Healthcheck(
            test: test, interval: ResourceMapping.goDuration(check.interval, minimum: .seconds(1)),
            timeout: ResourceMapping.goDuration(check.timeout, minimum: .seconds(1)),
            startPeriod: ResourceMapping.goDuration(check.gracePeriod))
    }

    private mutating func files(_ group: GroupPlan, into service: inout ComposeService) {
        var configRefs: [ComposeService.FileRef] = []
        var secretRefs: [ComposeService.FileRef] = []
        for (i, file) in group.spec.files.enumerated() {
            guard let path = file.guestPath, !path.isEmpty else { continue }
            let name = ExportNames.label(group.name, "f\(i)", path.split(separator: "/").last.map(String.init) ?? "file")
            if let local = file.localPath, !local.isEmpty {
                let context = options.buildContext.isEmpty || options.buildContext == "." ? "" : options.buildContext + "/"
                configs[name] = ComposeConfig(file: local.hasPrefix("/") ? local : context + local)
                configRefs.append(ComposeService.FileRef(source: name, target: path))
            } else if let secret = file.secretName, !secret.isEmpty {
                secrets[secret] = ComposeSecret(environment: secret)
                secretRefs.append(ComposeService.FileRef(source: secret, target: path))
            } else if let raw = file.rawValue {
                configs[name] = ComposeConfig(content: raw)
                configRefs.append(ComposeService.FileRef(source: name, target: path))
            }
        }
        service.configs = configRefs.isEmpty ? nil : configRefs
        service.secrets = secretRefs.isEmpty ? nil : secretRefs
    }

    private mutating func serviceWarnings(_ spec: MachineSpec) {
        for service in spec.services {
            if service.autoStop != .off {
                warnings.add(
                    "\(service.source).auto_stop_machines", "compose does not stop idle containers or start them on demand",
                    instead: "run the replicas you need (docker compose up --scale)")
            }
            if service.concurrency != ConcurrencySpec() {
                warnings.add(
                    "\(service.source).concurrency", "compose has no per-container connection or request limits",
                    instead: "set them in a proxy in front")
            }
        }
        if config.deploy?.strategy != nil, plan.deploy.strategy != .immediate {
            warnings.add(
                "deploy.strategy", "docker compose up replaces changed containers all at once; update_config applies only with docker stack deploy",
                instead: "use docker stack deploy (swarm) for \(plan.deploy.strategy.rawValue) updates")
        }
        if config.experimental?.autoRollback != nil {
            warnings.add("experimental.auto_rollback", "compose does not roll back", instead: "redeploy the previous image tag yourself")
        }
    }
}
