import FlyConfig
import HangarCore

/// One process group as a Nomad `group`: count, update, restart, network ports, services with
/// their checks, the volume, and its tasks.
struct NomadGroupBuilder {
    var plan: Plan
    var config: AppConfig
    var options: ExportOptions
    var image: ImageChoice
    var warnings = WarningList()

    /// Port label for a container port.
    static func portLabel(_ port: Int) -> String { "p\(port)" }

    mutating func group(_ group: GroupPlan, withRelease: Bool) throws(ExportError) -> HCLBlock {
        let spec = group.spec
        var body = HCLBody()
        body.set("count", group.count)
        update(group, into: &body)
        restart(group, into: &body)
        if spec.mount != nil {
            body.block("constraint") {
                $0.set("operator", "distinct_hosts")
                $0.set("value", "true")
            }
        }
        let ports = portsUsed(spec)
        if !ports.isEmpty {
            body.block("network") { net in
                for port in ports {
                    net.block("port", [Self.portLabel(port)]) {
                        if self.options.driver == .rawExec { $0.set("static", port) } else { $0.set("to", port) }
                    }
                }
            }
        }
        services(group, into: &body)
        if let mount = spec.mount { volume(mount, group: group.name, into: &body) }
        var tasks = NomadTaskBuilder(plan: plan, config: config, options: options, image: image)
        if withRelease, let release = try tasks.releaseTask(group: group) { body.append(release) }
        body.append(try tasks.mainTask(group: group, ports: ports))
        warnings.add(contentsOf: tasks.warnings.all)
        return HCLBlock(type: "group", labels: [group.name], body: body)
    }

    /// Every container port the group's services, checks and metrics use, sorted.
    func portsUsed(_ spec: MachineSpec) -> [Int] {
        var ports = Set(spec.services.map(\.internalPort).filter { $0 > 0 })
        for check in spec.allChecks where check.port > 0 { ports.insert(check.port) }
        if let port = spec.metrics?.port, port > 0 { ports.insert(port) }
        return ports.sorted()
    }

    // MARK: update and restart

    /// rolling → `max_parallel` from max_unavailable; immediate → all at once; canary → one canary,
    /// promoted by hand; bluegreen → a canary per allocation, promoted when healthy.
    mutating func update(_ group: GroupPlan, into body: inout HCLBody) {
        let deploy = plan.deploy
        let count = max(group.count, 1)
        let hasChecks = !group.spec.allChecks.isEmpty
        body.block("update") { u in
            switch deploy.strategy {
            case .rolling: u.set("max_parallel", max(1, deploy.batchSize(of: count)))
            case .immediate: u.set("max_parallel", count)
            case .canary:
                u.set("max_parallel", max(1, deploy.batchSize(of: count)))
                u.set("canary", 1)
                u.set("auto_promote", false)
            case .bluegreen:
                u.set("max_parallel", count)
                u.set("canary", count)
                u.set("auto_promote", true)
            }
            u.set("health_check", hasChecks && deploy.strategy != .immediate ? "checks" : "task_states")
            if deploy.strategy == .immediate { u.set("min_healthy_time", "0s") }
            u.set("healthy_deadline", ResourceMapping.goDuration(deploy.waitTimeout, minimum: .seconds(1)))
            let progress = FlyDuration(nanoseconds: max(deploy.waitTimeout.nanoseconds, 0) &+ 5 * FlyDuration.minute)
            u.set("progress_deadline", ResourceMapping.goDuration(max(progress, .seconds(600))))
            if config.experimental?.autoRollback == true { u.set("auto_revert", true) }
        }
        if deploy.strategy == .canary {
            warnings.add(
                "deploy.strategy", "Fly promotes its canary by itself; the Nomad canary waits for you",
                instead: "promote with nomad deployment promote once it is healthy, or set auto_promote = true")
        }
    }

    mutating func restart(_ group: GroupPlan, into body: inout HCLBody) {
        let restart = group.spec.restart
        body.block("restart") { r in
            r.set("attempts", restart.policy == .never ? 0 : max(restart.maxRetries, 0))
            r.set("interval", RestartSpec.retryWindow.description)
            r.set("mode", restart.policy == .always ? "delay" : "fail")
        }
        if restart.policy == .never {
            body.block("reschedule") { r in
                r.set("attempts", 0)
                r.set("unlimited", false)
            }
        }
        if let index = (config.restart ?? []).lastIndex(where: { config.applies($0.processes, to: group.name) }),
            restart.policy == .onFailure
        {
            warnings.add(
                "restart[\(index)].policy", "Nomad restarts a service task whenever it exits, also after a clean exit",
                instead: "make the process exit only on failure, or run it as a batch job if it should stop")
        }
    }

    // MARK: services

    /// The Nomad service names of a group: one per Fly service (the group's name, or name-port when
    /// it has several); top-level checks get services of their own (they must not gate routing),
    /// named after the group when it has no Fly service, so others can find it.
    static func serviceNames(app: String, group: GroupPlan) -> (fly: [String], checks: [Int: String]) {
        let base = NomadRenderer.serviceName(app: app, group: group.name)
        let services = group.spec.services
        let fly = services.map { services.count == 1 ? base : ExportNames.label(base, String($0.internalPort)) }
        var checks: [Int: String] = [:]
        let ports = Array(Set(group.spec.checks.map(\.port))).sorted()
        for (i, port) in ports.enumerated() {
            checks[port] = fly.isEmpty && i == 0 ? base : ExportNames.label(base, "checks", String(port))
        }
        return (fly, checks)
    }

    mutating func services(_ group: GroupPlan, into body: inout HCLBody) {
        let spec = group.spec
        let base = NomadRenderer.serviceName(app: plan.app, group: group.name)
        let names = Self.serviceNames(app: plan.app, group: group)
        for (service, name) in zip(spec.services, names.fly) {
            body.block("service") { s in
                s.set("name", name)
                s.set("port", Self.portLabel(service.internalPort))
                s.set("provider", "nomad")
                for check in service.checks { s.append(self.check(check)) }
            }
            serviceWarnings(service, name: name)
        }
        for (port, name) in names.checks.sorted(by: { $0.key < $1.key }) {
            body.block("service") { s in
                s.set("name", name)
                s.set("port", Self.portLabel(port))
                s.set("provider", "nomad")
                for check in spec.checks where check.port == port { s.append(self.check(check)) }
            }
        }
        if let metrics = spec.metrics, let port = metrics.port {
            body.block("service") { s in
                s.set("name", ExportNames.label(base, "metrics"))
                s.set("port", Self.portLabel(port))
                s.set("provider", "nomad")
                s.set("tags", ["metrics"])
                s.block("meta") {
                    $0.set("metrics_path", metrics.path ?? "/metrics")
                    if metrics.https == true { $0.set("metrics_scheme", "https") }
                }
            }
        }
    }

    func check(_ check: CheckSpec) -> HCLBlock {
        var c = HCLBody()
        c.set("name", check.name)
        c.set("type", check.kind.rawValue)
        if check.kind == .http {
            c.set("path", check.path ?? "/")
            c.set("method", (check.method ?? "GET").uppercased())
            if let scheme = check.scheme, scheme.lowercased() == "https" {
                c.set("protocol", "https")
                if check.tlsSkipVerify { c.set("tls_skip_verify", true) }
                if let server = check.tlsServerName, !server.isEmpty { c.set("tls_server_name", server) }
            }
        }
        c.set("interval", ResourceMapping.goDuration(check.interval, minimum: .seconds(1)))
        c.set("timeout", ResourceMapping.goDuration(check.timeout, minimum: .seconds(1)))
        if check.kind == .http, !check.headers.isEmpty {
            let entries = SortedMap(check.headers).entries.map { ($0.key, HCLValue.list([.string($0.value)])) }
            if entries.allSatisfy({ HCLWriter.isIdentifier($0.0) }) {
                c.block("header") { h in for (k, v) in entries { h.set(k, v) } }
            } else {
                c.items.append(.attribute("header", .object(entries)))
            }
        }
        return HCLBlock(type: "check", labels: [], body: c)
    }

    mutating func serviceWarnings(_ service: ServiceSpec, name: String) {
        if !service.ports.isEmpty {
            let list = service.ports.map { p in
                (p.single.map(String.init) ?? "\(p.start)-\(p.end)") + (p.handlers.isEmpty ? "" : " (\(p.handlers.joined(separator: ", ")))")
            }.joined(separator: ", ")
            let https = service.ports.contains { $0.forceHTTPS } ? "; force_https redirects" : ""
            warnings.add(
                "\(service.source).ports", "Nomad has no edge proxy: public ports \(list)\(https) and their TLS and HTTP options are not exported",
                instead: "route them to the Nomad service '\(name)' with a load balancer that reads Nomad services (Traefik, Fabio, or nginx with a nomadService template)")
        }
        if service.autoStop != .off {
            warnings.add(
                "\(service.source).auto_stop_machines", "Nomad does not stop idle allocations or start them on demand",
                instead: "run the group at its count, or scale it with the Nomad Autoscaler (min = min_machines_running)")
        }
        if service.concurrency != ConcurrencySpec() {
            warnings.add(
                "\(service.source).concurrency", "Nomad has no per-allocation connection or request limits",
                instead: "set them in your load balancer (e.g. Traefik's inFlightReq middleware)")
        }
    }

    // MARK: volume

    mutating func volume(_ mount: MountSpec, group: String, into body: inout HCLBody) {
        let name = mount.volume.isEmpty ? "data" : mount.volume
        body.block("volume", [name]) { v in
            v.set("type", "host")
            v.set("source", name)
            v.set("read_only", false)
        }
        if let index = (config.mounts ?? []).firstIndex(where: { config.applies($0.processes, to: group) }),
            config.mounts?[index].initialSize != nil
        {
            warnings.add(
                "mounts[\(index)].initial_size", "a Nomad host volume is a directory of the client; it has no size",
                instead: "make the host directory (or a CSI volume with capacity_min = \(mount.initialSizeGB)GiB) big enough")
        }
    }
}
