import FlyConfig
import HangarCore

/// Keys that none of the targets can express, each with what to do instead on that target. Keys a
/// target handles itself (restart, autostop, concurrency, handlers, ...) are reported by its renderer.
enum UnsupportedKeys {
    /// The three texts of a hint, one per target.
    struct Hint {
        var kubernetes: String
        var nomad: String
        var compose: String

        func text(for target: ExportFormat) -> String {
            switch target {
            case .kubernetes: kubernetes
            case .nomad: nomad
            case .compose: compose
            }
        }
    }

    static func warnings(config: AppConfig, plan: Plan, target: ExportFormat) -> [ExportWarning] {
        var list = WarningList()
        func add(_ key: String, _ message: String, _ hint: Hint) {
            list.add(key, message, instead: hint.text(for: target))
        }
        let first = plan.groups.first.map { ExportNames.label(plan.app, $0.name) } ?? ExportNames.label(plan.app)

        for (i, s) in (config.statics ?? []).enumerated() {
            let prefix = s.urlPrefix ?? "/"
            add(
                "statics[\(i)]", "Fly's edge serves '\(s.guestPath ?? s.tigrisBucket ?? "")' at \(prefix); this target has no static file server",
                Hint(
                    kubernetes: "serve the files from a web server (an nginx container or a bucket/CDN) and add an Ingress path \(prefix) for it",
                    nomad: "serve the files from a web server task and route \(prefix) to it in your load balancer",
                    compose: "add a web server service (nginx, caddy) with the files and route \(prefix) to it"))
        }
        if let command = config.consoleCommand, !command.isEmpty {
            add(
                "console_command", "only `fly console` uses it",
                Hint(
                    kubernetes: "run it with kubectl exec -it deploy/\(first) -- \(command)",
                    nomad: "run it with nomad alloc exec -task <task> <alloc-id> \(command)",
                    compose: "run it with docker compose exec <service> \(command)"))
        }
        if let id = config.hostDedicationID, !id.isEmpty {
            add("host_dedication_id", "dedicated Fly hosts have no equivalent", placementHint)
        }
        if let value = config.effectiveMachineConfig, !value.isEmpty {
            let key = config.experimental?.machineConfig?.isEmpty == false ? "experimental.machine_config" : "machine_config"
            add(key, "a raw Machine config is Fly-specific and is not translated", byHand)
        }
        if let container = config.container, !container.isEmpty {
            add("container", "multi-container Machines are not translated", Hint(
                kubernetes: "add the containers to the pod template by hand",
                nomad: "add the containers as tasks of the group by hand",
                compose: "add the containers as services by hand"))
        }
        if let seed = config.deploy?.seedCommand, !seed.isEmpty {
            add("deploy.seed_command", "runs once, on the app's first deploy; no target has that moment", Hint(
                kubernetes: "run it once yourself: kubectl create job \(ExportNames.label(plan.app, "seed")) --image=<image> -- \(seed)",
                nomad: "run it once as a batch job",
                compose: "run it once: docker compose run --rm <service> \(seed)"))
        }
        machineCheckWarnings(config: config, add: add)
        experimentalWarnings(config: config, add: add)
        vmWarnings(config: config, add: add)
        mountWarnings(config: config, target: target, add: add)
        return list.all
    }

    private static let placementHint = Hint(
        kubernetes: "pin the pods to nodes with a nodeSelector or node affinity",
        nomad: "pin the allocations to nodes with a constraint block",
        compose: "compose runs on one host; choose the host yourself")

    private static let byHand = Hint(
        kubernetes: "move the settings you need into the manifests by hand",
        nomad: "move the settings you need into the job by hand",
        compose: "move the settings you need into the compose file by hand")

    private static func machineCheckWarnings(config: AppConfig, add: (String, String, Hint) -> Void) {
        let hint = Hint(
            kubernetes: "run the test image as a Job (or a Helm test) in your deploy pipeline",
            nomad: "run the test image as a batch job in your deploy pipeline",
            compose: "run the test image with docker compose run before switching over")
        if !(config.machineChecks ?? []).isEmpty {
            add("machine_checks", "deploy-time test Machines are a flyctl feature", hint)
        }
        for service in config.allServices where !(service.machineChecks ?? []).isEmpty {
            add("\(service.configPath).machine_checks", "deploy-time test Machines are a flyctl feature", hint)
        }
    }

    private static func experimentalWarnings(config: AppConfig, add: (String, String, Hint) -> Void) {
        guard let x = config.experimental else { return }
        if x.enableConsul == true {
            add("experimental.enable_consul", "Fly's managed Consul is not part of the export", Hint(
                kubernetes: "run Consul in the cluster and pass its address in the env",
                nomad: "use the Consul cluster your Nomad uses and pass its address in the env",
                compose: "add a Consul service and pass its address in the env"))
        }
        if x.enableEtcd == true {
            add("experimental.enable_etcd", "Fly's managed etcd is not part of the export", Hint(
                kubernetes: "run etcd yourself and pass its address in the env",
                nomad: "run etcd yourself and pass its address in the env",
                compose: "add an etcd service and pass its address in the env"))
        }
        let imageHint = Hint(
            kubernetes: "the nodes' container runtime decides how images are pulled",
            nomad: "the clients' task driver decides how images are pulled",
            compose: "the Docker engine decides how images are pulled")
        if x.lazyLoadImages != nil { add("experimental.lazy_load_images", "a Fly image-loading switch", imageHint) }
        if x.useZstd != nil { add("experimental.use_zstd", "a Fly image-compression switch", imageHint) }
        if x.attached != nil {
            add("experimental.attached", "only `fly launch` reads it", byHand)
        }
    }

    private static func vmWarnings(config: AppConfig, add: (String, String, Hint) -> Void) {
        for (i, vm) in (config.vm ?? []).enumerated() {
            if let kind = vm.gpuKind, !kind.isEmpty {
                add("vm[\(i)].gpu_kind", "the GPU model '\(kind)' is a Fly host property", placementHint)
            }
            if let args = vm.kernelArgs, !args.isEmpty {
                add("vm[\(i)].kernel_args", "containers share the node's kernel", Hint(
                    kubernetes: "set kernel arguments on the nodes, or use a VM-based runtime class",
                    nomad: "set kernel arguments on the clients",
                    compose: "set kernel arguments on the host"))
            }
            if let persist = vm.persistRootfs, !persist.isEmpty {
                add("vm[\(i)].persist_rootfs", "containers start from the image every time", Hint(
                    kubernetes: "keep what must survive on a volume ([[mounts]])",
                    nomad: "keep what must survive on a volume ([[mounts]])",
                    compose: "keep what must survive on a volume ([[mounts]])"))
            }
            if let id = vm.hostDedicationID, !id.isEmpty {
                add("vm[\(i)].host_dedication_id", "dedicated Fly hosts have no equivalent", placementHint)
            }
        }
    }

    private static func mountWarnings(config: AppConfig, target: ExportFormat, add: (String, String, Hint) -> Void) {
        let snapshots = Hint(
            kubernetes: "take VolumeSnapshots (CSI snapshotter) or back up with a tool such as Velero",
            nomad: "take CSI volume snapshots (nomad volume snapshot create) or back up the host path",
            compose: "back up the Docker volume yourself")
        let extend = Hint(
            kubernetes: "use a StorageClass with allowVolumeExpansion and grow the claim when needed",
            nomad: "grow the CSI volume or host path when needed",
            compose: "grow the disk under the Docker volume when needed")
        for (i, m) in (config.mounts ?? []).enumerated() {
            if let n = m.snapshotRetention {
                add("mounts[\(i)].snapshot_retention", "Fly keeps \(n) days of daily snapshots; volumes here have none", snapshots)
            }
            if m.scheduledSnapshots != nil {
                add("mounts[\(i)].scheduled_snapshots", "Fly's daily volume snapshots are not part of the export", snapshots)
            }
            if let t = m.autoExtendSizeThreshold, t > 0 {
                add("mounts[\(i)].auto_extend_size_threshold", "volumes here do not grow by themselves", extend)
            }
        }
    }
}
