import FlyConfig
import HangarCore

/// The tasks of a Nomad group: the main task (docker with the image, or raw_exec with the local
/// command) and the release command's prestart task.
struct NomadTaskBuilder {
    var plan: Plan
    var config: AppConfig
    var options: ExportOptions
    var image: ImageChoice
    var warnings = WarningList()

    mutating func mainTask(group: GroupPlan, ports: [Int]) throws(ExportError) -> HCLBlock {
        let spec = group.spec
        var body = HCLBody()
        body.set("driver", options.driver.rawValue)
        var mounts: [HCLBlock] = []
        let templates = files(group, mounts: &mounts)
        try taskConfig(
            group: group.name, command: ContainerCommand.overrides(group: group.name, config: config),
            localCommand: spec.command, ports: ports.map(NomadGroupBuilder.portLabel), mounts: mounts, into: &body)
        environment(spec.env, secrets: spec.secretNames, into: &body)
        for t in templates { body.append(t) }
        if let mount = spec.mount {
            if options.driver == .rawExec {
                warnings.add(
                    "mounts", "raw_exec tasks cannot mount volumes",
                    instead: "point the app at the host directory \(mount.destination) yourself, or use the docker driver")
            } else {
                body.block("volume_mount") {
                    $0.set("volume", mount.volume.isEmpty ? "data" : mount.volume)
                    $0.set("destination", mount.destination)
                }
            }
        }
        resources(spec.guest, into: &body)
        body.set("kill_signal", spec.stop.signal)
        body.set("kill_timeout", ResourceMapping.goDuration(spec.stop.timeout))
        if let swap = spec.swapSizeMB, swap > 0 {
            warnings.add(
                "swap_size_mb", "Nomad gives tasks no swap of their own",
                instead: "size memory for the peak (memory_max lets a task burst above its reservation)")
        }
        return HCLBlock(type: "task", labels: [group.name], body: body)
    }

    mutating func releaseTask(group: GroupPlan) throws(ExportError) -> HCLBlock? {
        guard let argv = plan.deploy.releaseCommand, !argv.isEmpty else { return nil }
        var body = HCLBody()
        body.block("lifecycle") {
            $0.set("hook", "prestart")
            $0.set("sidecar", false)
        }
        body.set("driver", options.driver.rawValue)
        try taskConfig(
            group: "release", command: ContainerCommand.release(argv, config: config), localCommand: argv, ports: [],
            mounts: [], into: &body)
        var env = group.spec.env
        env["FLY_PROCESS_GROUP"] = nil
        environment(env, secrets: group.spec.secretNames, into: &body)
        resources(plan.deploy.releaseCommandGuest ?? group.spec.guest, into: &body)
        if group.count > 1 {
            warnings.add(
                "deploy.release_command",
                "it runs as a prestart task in each of the \(group.count) allocations of '\(group.name)', not once per deploy",
                instead: "make it safe to run concurrently, or run it as a separate batch job before the deploy")
        }
        if config.deploy?.releaseCommandTimeout != nil {
            warnings.add(
                "deploy.release_command_timeout", "Nomad tasks have no run-time limit",
                instead: "put a timeout in the command itself (e.g. timeout \(ResourceMapping.seconds(plan.deploy.releaseCommandTimeout)) ...)")
        }
        return HCLBlock(type: "task", labels: ["release"], body: body)
    }

    // MARK: parts

    private mutating func taskConfig(
        group: String, command: ContainerCommand, localCommand: [String], ports: [String], mounts: [HCLBlock],
        into body: inout HCLBody
    ) throws(ExportError) {
        var c = HCLBody()
        switch options.driver {
        case .docker:
            c.set("image", image.reference)
            if let entrypoint = command.entrypoint { c.set("entrypoint", entrypoint) }
            if let cmd = command.cmd, let first = cmd.first {
                c.set("command", first)
                if cmd.count > 1 { c.set("args", Array(cmd.dropFirst())) }
            }
            if !ports.isEmpty { c.set("ports", ports) }
            for m in mounts { c.append(m) }
        case .rawExec:
            guard let first = localCommand.first else {
                throw ExportError(
                    "process group '\(group)' has no command for raw_exec: set [processes] \(group) in fly.toml, "
                        + "or add a Dockerfile CMD or a Procfile entry beside it")
            }
            if let dir = options.workingDirectory, !dir.isEmpty {
                c.set("command", "/bin/sh")
                c.set("args", ["-c", "cd " + ShellQuote.word(dir) + " && exec " + localCommand.map(ShellQuote.word).joined(separator: " ")])
            } else {
                c.set("command", first)
                if localCommand.count > 1 { c.set("args", Array(localCommand.dropFirst())) }
            }
        }
        body.block("config") { $0.items = c.items }
    }

    /// `[env]` as an `env` block; secrets come from the job's Nomad variables through a template
    /// (only their names are written).
    private func environment(_ env: [String: String], secrets: [String], into body: inout HCLBody) {
        let secretSet = Set(secrets)
        let entries = SortedMap(env).entries.filter { !secretSet.contains($0.key) }
        if !entries.isEmpty {
            if entries.allSatisfy({ HCLWriter.isIdentifier($0.key) }) {
                body.block("env") { e in for (k, v) in entries { e.set(k, v) } }
            } else {
                body.set("env", .object(entries.map { ($0.key, HCLValue.string($0.value)) }))
            }
        }
        guard !secrets.isEmpty else { return }
        let path = NomadRenderer.variablePath(app: plan.app)
        var data = "{{ with nomadVar \"\(path)\" }}\n"
        for name in secrets.sorted() { data += "\(name)={{ .\(name) }}\n" }
        data += "{{ end }}\n"
        body.block("template") {
            $0.set("destination", "secrets/app.env")
            $0.set("env", true)
            $0.set("change_mode", "restart")
            $0.set("data", .heredoc(data))
        }
    }

    private func resources(_ guest: Guest, into body: inout HCLBody) {
        body.block("resources") { r in
            if ResourceMapping.isPerformance(guest) {
                r.set("cores", max(guest.cpus, 1))
            } else {
                r.set("cpu", ResourceMapping.nomadSharedMHz(guest))
            }
            r.set("memory", max(guest.memoryMB, 1))
            if let max = guest.maxMemoryMB, max > guest.memoryMB { r.set("memory_max", max) }
            if let gpus = guest.gpus, gpus > 0 {
                r.block("device", ["nvidia/gpu"]) { $0.set("count", gpus) }
            }
        }
    }

    /// `[[files]]`: templates rendered into the task directory, bind-mounted at their paths (docker).
    private mutating func files(_ group: GroupPlan, mounts: inout [HCLBlock]) -> [HCLBlock] {
        var templates: [HCLBlock] = []
        for (i, file) in group.spec.files.enumerated() {
            let key = "files[\(i)]"
            guard let path = file.guestPath, !path.isEmpty else { continue }
            if options.driver == .rawExec {
                warnings.add(key, "raw_exec tasks cannot place files at \(path)", instead: "write the file on the client yourself")
                continue
            }
            let name = "f\(i)-" + ExportNames.label(path.split(separator: "/").last.map(String.init) ?? "file")
            var t = HCLBody()
            if let local = file.localPath, !local.isEmpty {
                warnings.add(
                    key, "the local file '\(local)' is not embedded in the export",
                    instead: "ship it with an artifact block, or inline it as raw_value")
                continue
            } else if let secret = file.secretName, !secret.isEmpty {
                t.set("destination", "secrets/files/\(name)")
                t.set("data", "{{ with nomadVar \"\(NomadRenderer.variablePath(app: plan.app))\" }}{{ .\(secret) }}{{ end }}")
                mounts.append(bind("secrets/files/\(name)", path))
            } else if let raw = file.rawValue {
                t.set("destination", "local/files/\(name)")
                t.set("left_delimiter", "[[hangar:")
                t.set("right_delimiter", ":hangar]]")
                t.set("data", raw.contains("\n") ? .heredoc(raw) : .string(raw))
                mounts.append(bind("local/files/\(name)", path))
            } else {
                continue
            }
            templates.append(HCLBlock(type: "template", labels: [], body: t))
        }
        return templates
    }

    private func bind(_ source: String, _ target: String) -> HCLBlock {
        var m = HCLBody()
        m.set("type", "bind")
        m.set("source", source)
        m.set("target", target)
        m.set("readonly", true)
        return HCLBlock(type: "mount", labels: [], body: m)
    }
}
