/// Typed decode of `[http_service]`, `[[services]]` and their ports, options and checks.
enum ServiceDecoder {
    static func httpService(_ r: TableReader) -> HTTPService {
        defer { r.finish() }
        var h = HTTPService()
        h.internalPort = r.int("internal_port")
        h.forceHTTPS = r.bool("force_https")
        h.autoStopMachines = r.autoStop("auto_stop_machines")
        h.autoStartMachines = r.bool("auto_start_machines")
        h.minMachinesRunning = r.int("min_machines_running")
        h.processes = r.strings("processes")
        h.concurrency = r.table("concurrency").map(concurrency)
        h.tlsOptions = r.table("tls_options").map(tlsOptions)
        h.httpOptions = r.table("http_options").map(httpOptions)
        h.checks = r.tables("checks")?.map(httpCheck)
        h.machineChecks = r.tables("machine_checks")?.map(SectionDecoder.machineCheck)
        r.unknownHint("port", "did you mean internal_port? [http_service] always exposes ports 80 and 443")
        r.unknownHint("ports", "[http_service] always exposes ports 80 and 443; for other ports use [[services]] with [[services.ports]]")
        r.unknownHint("http_checks", "in [http_service] the checks are [[http_service.checks]]")
        r.unknownHint("tcp_checks", "[http_service] has only HTTP checks ([[http_service.checks]]); use [checks.<name>] type = \"tcp\" for a TCP check")
        return h
    }

    static func service(_ r: TableReader) -> Service {
        defer { r.finish() }
        var s = Service()
        s.protocol = r.string("protocol")
        s.internalPort = r.int("internal_port")
        s.autoStopMachines = r.autoStop("auto_stop_machines")
        s.autoStartMachines = r.bool("auto_start_machines")
        s.minMachinesRunning = r.int("min_machines_running")
        s.ports = r.tables("ports")?.map(port)
        s.concurrency = r.table("concurrency").map(concurrency)
        s.tcpChecks = r.tables("tcp_checks")?.map(tcpCheck)
        s.httpChecks = r.tables("http_checks")?.map(httpCheck)
        s.machineChecks = r.tables("machine_checks")?.map(SectionDecoder.machineCheck)
        s.processes = r.strings("processes")
        r.legacy("script_checks", "script checks are not supported by Machines; remove the key")
        r.unknownHint("checks", "in [[services]] the checks are [[services.tcp_checks]] and [[services.http_checks]]")
        return s
    }

    static func port(_ r: TableReader) -> ServicePort {
        defer { r.finish() }
        var p = ServicePort()
        p.port = r.int("port")
        p.startPort = r.int("start_port")
        p.endPort = r.int("end_port")
        p.handlers = r.strings("handlers")
        p.forceHTTPS = r.bool("force_https")
        p.tlsOptions = r.table("tls_options").map(tlsOptions)
        p.httpOptions = r.table("http_options").map(httpOptions)
        p.proxyProtoOptions = r.table("proxy_proto_options").map { o in
            defer { o.finish() }
            return ProxyProtoOptions(version: o.string("version"))
        }
        return p
    }

    static func concurrency(_ r: TableReader) -> Concurrency {
        defer { r.finish() }
        return Concurrency(type: r.string("type"), softLimit: r.int("soft_limit"), hardLimit: r.int("hard_limit"))
    }

    static func tlsOptions(_ r: TableReader) -> TLSOptions {
        defer { r.finish() }
        var t = TLSOptions()
        t.alpn = r.strings("alpn")
        t.versions = r.strings("versions")
        t.defaultSelfSigned = r.bool("default_self_signed")
        return t
    }

    static func httpOptions(_ r: TableReader) -> HTTPOptions {
        defer { r.finish() }
        var h = HTTPOptions()
        h.compress = r.bool("compress")
        h.h2Backend = r.bool("h2_backend")
        h.idleTimeout = r.uint32("idle_timeout")
        h.headersReadTimeout = r.uint32("headers_read_timeout")
        if let response = r.table("response") {
            var o = HTTPResponseOptions()
            o.pristine = response.bool("pristine")
            if let n = response.node("headers") {
                if let t = n.table {
                    o.headers = headers(t, path: response.childPath("headers"), sink: r.sink)
                } else {
                    r.sink.typeMismatch(path: response.childPath("headers"), node: n, expected: .table)
                }
            }
            response.finish()
            h.response = o
        }
        h.replayCache = r.tables("replay_cache")?.map { c in
            defer { c.finish() }
            var rc = ReplayCache()
            rc.pathPrefix = c.string("path_prefix")
            rc.ttlSeconds = c.int("ttl_seconds")
            rc.type = c.string("type")
            rc.name = c.string("name")
            rc.allowBypass = c.bool("allow_bypass")
            return rc
        }
        return h
    }

    /// Response headers: `false`/`true`, a string, or a list of strings.
    private static func headers(_ t: TOMLTable, path: String, sink: DecodeSink) -> [String: HeaderValue] {
        var result: [String: HeaderValue] = [:]
        for e in t.entries {
            switch e.node.value {
            case .boolean(let b):
                result[e.key] = .flag(b)
            case .string(let s):
                result[e.key] = .value(s)
            case .array(let items) where items.allSatisfy({ $0.string != nil }):
                result[e.key] = .values(items.compactMap(\.string))
            default:
                let p = ConfigPath.join(path, e.key)
                sink.add(Diagnostic(
                    .warning, code: DecodeCode.unsupportedHeaderValue,
                    "\(p) is \(TypeHints.describe(e.node.value)); a response header is false (remove), a string, or a list of strings",
                    hint: "quote the value: \(ConfigPath.key(e.key)) = \"\(GoFormat.text(e.node.value))\"",
                    at: e.node.position, path: p))
            }
        }
        return result
    }

    static func tcpCheck(_ r: TableReader) -> ServiceTCPCheck {
        defer { r.finish() }
        var c = ServiceTCPCheck()
        c.interval = r.duration("interval")
        c.timeout = r.duration("timeout")
        c.gracePeriod = r.duration("grace_period")
        r.legacy("restart_limit", "Machines restart according to [[restart]]; remove the key")
        return c
    }

    static func httpCheck(_ r: TableReader) -> ServiceHTTPCheck {
        defer { r.finish() }
        var c = ServiceHTTPCheck()
        c.interval = r.duration("interval")
        c.timeout = r.duration("timeout")
        c.gracePeriod = r.duration("grace_period")
        c.method = r.string("method")
        c.path = r.string("path")
        c.protocol = r.string("protocol")
        c.tlsSkipVerify = r.bool("tls_skip_verify")
        c.tlsServerName = r.string("tls_server_name")
        c.headers = r.stringTable("headers")
        r.legacy("restart_limit", "Machines restart according to [[restart]]; remove the key")
        return c
    }
}
