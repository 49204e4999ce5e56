/// Typed decode of the list sections: mounts, vm, restart, statics, files, metrics, checks and
/// machine checks.
enum SectionDecoder {
    static func mount(_ r: TableReader) -> Mount {
        defer { r.finish() }
        var m = Mount()
        m.source = r.string("source")
        m.destination = r.string("destination")
        m.initialSize = r.string("initial_size")
        m.snapshotRetention = r.int("snapshot_retention")
        m.scheduledSnapshots = r.bool("scheduled_snapshots")
        m.autoExtendSizeThreshold = r.int("auto_extend_size_threshold")
        m.autoExtendSizeIncrement = r.string("auto_extend_size_increment")
        m.autoExtendSizeLimit = r.string("auto_extend_size_limit")
        m.processes = r.strings("processes")
        return m
    }

    static func vm(_ r: TableReader) -> VM {
        defer { r.finish() }
        var v = VM()
        v.size = r.string("size")
        v.memory = r.string("memory")
        v.memoryMB = r.int("memory_mb")
        v.cpus = r.int("cpus")
        v.cpuKind = r.string("cpu_kind")
        v.gpus = r.int("gpus")
        v.gpuKind = r.string("gpu_kind")
        v.hostDedicationID = r.string("host_dedication_id")
        v.kernelArgs = r.strings("kernel_args")
        v.maxMemoryMB = r.int("max_memory_mb")
        v.persistRootfs = r.string("persist_rootfs")
        v.processes = r.strings("processes")
        return v
    }

    static func restart(_ r: TableReader) -> Restart {
        defer { r.finish() }
        r.legacy("max_retries", "the key is retries (max_retries is ignored)")
        return Restart(policy: r.string("policy"), retries: r.int("retries"), processes: r.strings("processes"))
    }

    static func staticEntry(_ r: TableReader) -> Static {
        defer { r.finish() }
        var s = Static()
        s.guestPath = r.string("guest_path")
        s.urlPrefix = r.string("url_prefix")
        s.tigrisBucket = r.string("tigris_bucket")
        s.indexDocument = r.string("index_document")
        return s
    }

    static func file(_ r: TableReader) -> File {
        defer { r.finish() }
        var f = File()
        f.guestPath = r.string("guest_path")
        f.localPath = r.string("local_path")
        f.secretName = r.string("secret_name")
        f.rawValue = r.string("raw_value")
        f.processes = r.strings("processes")
        return f
    }

    static func metrics(_ r: TableReader) -> Metrics {
        defer { r.finish() }
        return Metrics(port: r.int("port"), path: r.string("path"), https: r.bool("https"), processes: r.strings("processes"))
    }

    static func topLevelCheck(_ r: TableReader) -> TopLevelCheck {
        defer { r.finish() }
        var c = TopLevelCheck()
        c.type = r.string("type")
        c.port = r.int("port")
        c.interval = r.duration("interval")
        c.timeout = r.duration("timeout")
        c.gracePeriod = r.duration("grace_period")
        c.method = r.string("method")
        c.path = r.string("path")
        c.protocol = r.string("protocol")
        c.tlsSkipVerify = r.bool("tls_skip_verify")
        c.tlsServerName = r.string("tls_server_name")
        c.headers = r.stringTable("headers")
        c.processes = r.strings("processes")
        r.legacy("restart_limit", "Machines restart according to [[restart]]; remove the key")
        return c
    }

    static func machineCheck(_ r: TableReader) -> MachineCheck {
        defer { r.finish() }
        var c = MachineCheck()
        c.command = r.strings("command")
        c.image = r.string("image")
        c.entrypoint = r.strings("entrypoint")
        c.killSignal = r.string("kill_signal")
        c.killTimeout = r.duration("kill_timeout")
        return c
    }
}
