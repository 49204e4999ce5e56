import FlyConfig

/// The desired state of an app: for each process group, how many Machines and what each runs.
/// Pure: made from a decoded config, the scale, the secret names and what the app's files say.
public struct Plan: Sendable, Equatable, Codable {
    public var app: String
    public var groups: [GroupPlan]
    public var deploy: DeploySpec

    /// The group's plan, if the app has that group.
    public func group(_ name: String) -> GroupPlan? { groups.first { $0.name == name } }

    /// Makes the plan. Throws when a group has no command anywhere, or its guest cannot be
    /// computed (both are also reported by `hangar validate`). With `requireCommand: false` (for
    /// exports, where the image's own CMD runs), a group without a command gets an empty `command`
    /// and the source `MachineSpec.imageCommandSource` instead of an error. `guests` overrides the
    /// VM size and memory per group (default: `scale.guests`, as `hangar scale vm|memory` stored them).
    public static func make(
        config: AppConfig,
        appName: String? = nil,
        scale: GroupScale = GroupScale(),
        secretNames: [String] = [],
        image: ImageDefaults = .none,
        requireCommand: Bool = true,
        guests: [String: GuestOverride]? = nil
    ) throws(PlanError) -> Plan {
        let overrides = guests ?? scale.guests
        guard let app = appName ?? config.app, !app.isEmpty else {
            throw PlanError("the config has no app name: set `app = \"name\"` in fly.toml or pass --app")
        }
        var groups: [GroupPlan] = []
        for group in config.processNames {
            var spec = try machineSpec(
                app: app, group: group, config: config, secretNames: secretNames, image: image,
                requireCommand: requireCommand)
            if let override = overrides[group], !override.isEmpty {
                do throws(PlanError) {
                    spec.guest = try override.apply(to: spec.guest)
                } catch {
                    throw PlanError("process group '\(group)': \(error.message)")
                }
            }
            groups.append(GroupPlan(name: group, count: scale.count(for: group), spec: spec))
        }
        return Plan(app: app, groups: groups, deploy: try DeploySpec(config: config, app: app, image: image, secretNames: secretNames))
    }

    static func machineSpec(
        app: String, group: String, config: AppConfig, secretNames: [String], image: ImageDefaults,
        requireCommand: Bool = true
    ) throws(PlanError) -> MachineSpec {
        let command: [String]
        let source: String
        do throws(PlanError) {
            (command, source) = try CommandResolver.resolve(group: group, config: config, image: image)
        } catch {
            guard !requireCommand, error.isMissingCommand else { throw error }
            (command, source) = ([], MachineSpec.imageCommandSource)
        }
        let guest: Guest
        do {
            guest = try config.guest(for: group) ?? Guest(preset: VMPreset.sharedCPU1x)
        } catch {
            throw PlanError("process group '\(group)': \(error.message)")
        }
        let services = config.services(for: group).map(ServiceSpec.init)
        let checks = config.checks(for: group).compactMap { entry -> CheckSpec? in
            guard let port = entry.port else { return nil }
            return CheckSpec.topLevel(name: entry.name, entry.check, port: port)
        }
        let mount = config.mounts(for: group).first.map { m in
            MountSpec(
                volume: m.source ?? "", destination: m.destination ?? "",
                initialSizeGB: ((try? m.initialSizeGB()) ?? nil) ?? 1)
        }
        return MachineSpec(
            app: app, group: group, command: command, commandSource: source,
            env: environment(config: config, group: group),
            secretNames: secretNames.sorted(), guest: guest, mount: mount, services: services, checks: checks,
            restart: restartSpec(config.restart(for: group)),
            stop: StopSpec(
                signal: config.killSignal ?? StopSpec.defaultSignal,
                timeout: config.killTimeout ?? StopSpec.defaultTimeout),
            metrics: config.metrics(for: group), files: config.files(for: group), statics: config.statics ?? [],
            swapSizeMB: config.swapSizeMB, primaryRegion: config.primaryRegion)
    }

    /// `[env]`, then `FLY_PROCESS_GROUP`, then `PRIMARY_REGION` when `primary_region` is set (§5.3).
    static func environment(config: AppConfig, group: String) -> [String: String] {
        var env = config.env ?? [:]
        env["FLY_PROCESS_GROUP"] = group
        if let region = config.primaryRegion, !region.isEmpty { env["PRIMARY_REGION"] = region }
        return env
    }

    static func restartSpec(_ restart: Restart?) -> RestartSpec {
        guard let restart else { return RestartSpec() }
        let policy: RestartSpec.Policy =
            switch restart.policy {
            case "always": .always
            case "never": .never
            default: .onFailure
            }
        return RestartSpec(policy: policy, maxRetries: restart.retries ?? RestartSpec.defaultMaxRetries)
    }
}

/// One process group's Machines.
public struct GroupPlan: Sendable, Equatable, Codable {
    public var name: String
    public var count: Int
    public var spec: MachineSpec
}

extension VMPreset {
    /// Fly's default size for new Machines when no `[[vm]]` applies.
    static let sharedCPU1x = VMPreset.named(VMPreset.defaultName) ?? VMPreset(name: "shared-cpu-1x", cpuKind: "shared", cpus: 1, memoryMB: 256)
}
