/// Patch 2: `services` as a table or an array of tables; legacy concurrency strings, string/float
/// ports and internal ports, single-table port and check lists, ms check durations; empty services
/// dropped.
extension Normalizer {
    mutating func patchServices(_ root: inout TOMLTable) {
        guard let entry = root.entry("services") else { return }
        guard let items = arrayOfTables(entry.node, path: "services", what: "services") else {
            root.remove("services")
            return
        }
        var kept: [TOMLNode] = []
        for item in items {
            guard var service = item.table else { continue }
            patchService(&service, path: ConfigPath.index("services", kept.count))
            if !service.isEmpty { kept.append(TOMLNode(.table(service), at: item.position)) }
        }
        root.set("services", TOMLNode(.array(kept), at: entry.node.position))
    }

    private mutating func patchService(_ service: inout TOMLTable, path: String) {
        if let node = service["concurrency"] {
            Normalizer.store(&service, "concurrency", patchConcurrency(node, path: ConfigPath.join(path, "concurrency")))
        }
        if let portsNode = service["ports"] {
            let portsPath = ConfigPath.join(path, "ports")
            if let ports = arrayOfTables(portsNode, path: portsPath, what: "ports") {
                var out: [TOMLNode] = []
                for (i, portNode) in ports.enumerated() {
                    guard var port = portNode.table else { continue }
                    if let p = port["port"] {
                        let portPath = ConfigPath.join(ConfigPath.index(portsPath, i), "port")
                        Normalizer.store(&port, "port", castToInt(p, path: portPath, key: "port"))
                    }
                    out.append(TOMLNode(.table(port), at: portNode.position))
                }
                service.set("ports", TOMLNode(.array(out), at: portsNode.position))
            } else {
                service.remove("ports")
            }
        }
        for kind in ["tcp_checks", "http_checks"] {
            guard let node = service[kind] else { continue }
            let checksPath = ConfigPath.join(path, kind)
            guard let checks = arrayOfTables(node, path: checksPath, what: kind) else {
                service.remove(kind)
                continue
            }
            var out: [TOMLNode] = []
            for (i, checkNode) in checks.enumerated() {
                guard var check = checkNode.table else { continue }
                patchCheck(&check, path: ConfigPath.index(checksPath, i))
                out.append(TOMLNode(.table(check), at: checkNode.position))
            }
            if out.isEmpty {
                service.remove(kind)
            } else {
                service.set(kind, TOMLNode(.array(out), at: node.position))
            }
        }
        if let node = service["internal_port"] {
            Normalizer.store(&service, "internal_port", castToInt(node, path: ConfigPath.join(path, "internal_port"), key: "internal_port"))
        }
    }

    private static let concurrencyHint =
        "write concurrency as a table: [services.concurrency] type = \"connections\" soft_limit = 20 hard_limit = 25"

    /// `"SOFT,HARD"` → `{type = "requests", soft_limit, hard_limit}`; a table is kept; anything else
    /// is an error.
    private mutating func patchConcurrency(_ node: TOMLNode, path: String) -> TOMLNode? {
        switch node.value {
        case .table:
            return node
        case .string(let text):
            guard let comma = text.firstIndex(of: ",") else {
                fail("Unknown value '\(text)' for concurrency limits", hint: Normalizer.concurrencyHint, at: node.position, path: path)
                return nil
            }
            let left = String(text[..<comma])
            let right = String(text[text.index(after: comma)...])
            guard let soft = GoAtoi.parse(left) else {
                fail("Can not convert '\(text)': \(GoAtoi.errorText(left))", hint: Normalizer.concurrencyHint, at: node.position, path: path)
                return nil
            }
            guard let hard = GoAtoi.parse(right) else {
                fail("Can not convert '\(text)': \(GoAtoi.errorText(right))", hint: Normalizer.concurrencyHint, at: node.position, path: path)
                return nil
            }
            var table = TOMLTable()
            table.set("type", TOMLNode(.string("requests"), at: node.position), keyPosition: node.position)
            table.set("hard_limit", TOMLNode(.integer(hard), at: node.position), keyPosition: node.position)
            table.set("soft_limit", TOMLNode(.integer(soft), at: node.position), keyPosition: node.position)
            return TOMLNode(.table(table), at: node.position)
        default:
            fail(
                "Unknown type for service concurrency: \(GoFormat.typeName(node.value))",
                hint: Normalizer.concurrencyHint, at: node.position, path: path)
            return nil
        }
    }
}
