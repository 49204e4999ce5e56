/// Stage 2.3: the typed decode of a normalised tree into `AppConfig`, collecting type errors
/// (degraded load) and unknown keys.
enum AppConfigDecoder {
    static func decode(_ root: TOMLTable, sink: DecodeSink) -> AppConfig {
        let r = TableReader(root, path: "", sink: sink)
        var c = AppConfig()
        c.app = r.string("app")
        c.primaryRegion = r.string("primary_region")
        c.killSignal = r.string("kill_signal")
        c.killTimeout = r.duration("kill_timeout")
        c.swapSizeMB = r.int("swap_size_mb")
        c.consoleCommand = r.string("console_command")
        c.hostDedicationID = r.string("host_dedication_id")
        c.machineConfig = r.string("machine_config")
        c.container = r.string("container")
        c.experimental = r.table("experimental").map(experimental)
        c.build = r.table("build").map(build)
        c.deploy = r.table("deploy").map(deploy)
        c.env = r.stringTable("env")
        c.processes = r.stringTable("processes")
        c.mounts = r.tables("mounts")?.map(SectionDecoder.mount)
        c.httpService = r.table("http_service").map(ServiceDecoder.httpService)
        c.services = r.tables("services")?.map(ServiceDecoder.service)
        if let checks = r.table("checks") {
            var result: [String: TopLevelCheck] = [:]
            for e in checks.table.entries {
                guard let t = checks.node(e.key)?.table else {
                    if let n = checks.table[e.key] {
                        sink.typeMismatch(path: checks.childPath(e.key), node: n, expected: .table)
                    }
                    continue
                }
                result[e.key] = SectionDecoder.topLevelCheck(TableReader(t, path: checks.childPath(e.key), sink: sink))
            }
            c.checks = result
        }
        c.files = r.tables("files")?.map(SectionDecoder.file)
        c.machineChecks = r.tables("machine_checks")?.map(SectionDecoder.machineCheck)
        c.restart = r.tables("restart")?.map(SectionDecoder.restart)
        c.vm = r.tables("vm")?.map(SectionDecoder.vm)
        c.statics = r.tables("statics")?.map(SectionDecoder.staticEntry)
        c.metrics = r.tables("metrics")?.map(SectionDecoder.metrics)
        r.unknownHint("http_checks", "there is no top-level http_checks (the JSON schema lists one); use [checks.<name>] with type = \"http\", or [[http_service.checks]]")
        r.finish()
        return c
    }

    static func experimental(_ r: TableReader) -> Experimental {
        defer { r.finish() }
        var e = Experimental()
        e.cmd = r.strings("cmd")
        e.entrypoint = r.strings("entrypoint")
        e.exec = r.strings("exec")
        e.machineConfig = r.string("machine_config")
        e.autoRollback = r.bool("auto_rollback")
        e.enableConsul = r.bool("enable_consul")
        e.enableEtcd = r.bool("enable_etcd")
        e.lazyLoadImages = r.bool("lazy_load_images")
        e.useZstd = r.bool("use_zstd")
        if let attached = r.table("attached") {
            var a = Attached()
            if let secrets = attached.table("secrets") {
                a.secrets = AttachedSecrets(export: secrets.stringTable("export"))
                secrets.finish()
            }
            attached.finish()
            e.attached = a
        }
        // Hoisted to the top level by normalisation; otherwise ignored.
        _ = r.node("kill_timeout")
        _ = r.node("metrics_port")
        _ = r.node("metrics_path")
        r.legacy("private_network", "private networking is always on for Machines")
        r.legacy("allowed_public_ports", "public ports come from [[services.ports]] and [http_service]")
        r.legacy("auto_rollback_on_failure", "Nomad-era setting with no effect")
        return e
    }

    static func build(_ r: TableReader) -> Build {
        defer { r.finish() }
        var b = Build()
        b.image = r.string("image")
        b.dockerfile = r.string("dockerfile")
        b.ignorefile = r.string("ignorefile")
        b.buildTarget = r.string("build-target")
        b.builder = r.string("builder")
        b.buildpacks = r.strings("buildpacks")
        b.args = r.stringTable("args")
        b.builtin = r.string("builtin")
        if let n = r.node("settings") {
            if let t = n.table {
                b.settings = ConfigValueConversion.table(t)
            } else {
                r.sink.typeMismatch(path: r.childPath("settings"), node: n, expected: .table)
            }
        }
        if let compose = r.table("compose") {
            b.compose = BuildCompose(file: compose.string("file"))
            compose.finish()
        }
        b.compression = r.string("compression")
        b.compressionLevel = r.int("compression_level")
        return b
    }

    static func deploy(_ r: TableReader) -> Deploy {
        defer { r.finish() }
        var d = Deploy()
        d.strategy = r.string("strategy")
        d.maxUnavailable = r.double("max_unavailable")
        d.waitTimeout = r.duration("wait_timeout")
        d.releaseCommand = r.string("release_command")
        d.releaseCommandTimeout = r.duration("release_command_timeout")
        d.releaseCommandVM = r.table("release_command_vm").map { SectionDecoder.vm($0) }
        d.seedCommand = r.string("seed_command")
        r.unknownHint("processes", "[deploy] has no processes key; the release command runs once in its own Machine")
        return d
    }
}

/// TOML values to free-form `ConfigValue`s.
enum ConfigValueConversion {
    static func value(_ v: TOMLValue) -> ConfigValue {
        switch v {
        case .string(let s): .string(s)
        case .integer(let i): .integer(i)
        case .float(let d): .float(d)
        case .boolean(let b): .boolean(b)
        case .array(let items): .array(items.map { value($0.value) })
        case .table(let t): .table(table(t))
        default: .string(GoFormat.text(v))
        }
    }

    static func table(_ t: TOMLTable) -> [String: ConfigValue] {
        var result: [String: ConfigValue] = [:]
        for e in t.entries { result[e.key] = value(e.node.value) }
        return result
    }
}
