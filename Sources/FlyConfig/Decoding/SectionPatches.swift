/// Patches 3–10: processes, experimental, top-level checks, the vm/mounts/metrics aliases,
/// kill_timeout and build.
extension Normalizer {
    /// Patch 3: `[[processes]]` with `name`/`command` → table; empty list → absent.
    mutating func patchProcesses(_ root: inout TOMLTable) {
        guard let entry = root.entry("processes") else { return }
        switch entry.node.value {
        case .table:
            return
        case .array(let items):
            var table = TOMLTable()
            for item in items {
                guard let element = item.table, let name = element.entry("name") else { continue }
                let command = element["command"].map { node -> TOMLNode in
                    if case .string = node.value { return node }
                    return TOMLNode(.string(GoFormat.text(node.value)), at: node.position)
                } ?? TOMLNode(.string(""), at: name.node.position)
                table.set(GoFormat.text(name.node.value), command, keyPosition: name.node.position)
            }
            if table.isEmpty {
                root.remove("processes")
            } else {
                root.set("processes", TOMLNode(.table(table), at: entry.node.position))
            }
        default:
            fail(
                "Unknown processes type: \(GoFormat.typeName(entry.node.value))",
                hint: "write process groups as a table: [processes] web = \"command\"",
                at: entry.node.position, path: "processes")
            root.remove("processes")
        }
    }

    /// Patch 4: `[experimental]` string-or-list commands, hoisted kill_timeout and metrics.
    mutating func patchExperimental(_ root: inout TOMLTable) {
        guard let entry = root.entry("experimental") else { return }
        guard var table = entry.node.table else {
            fail(
                "Experimental section of unknown type: \(GoFormat.typeName(entry.node.value))",
                hint: "write [experimental] as a table", at: entry.node.position, path: "experimental")
            root.remove("experimental")
            return
        }
        var metrics = TOMLTable()
        for e in table.entries {
            let path = ConfigPath.join("experimental", e.key)
            switch e.key {
            case "cmd", "entrypoint", "exec":
                Normalizer.store(&table, e.key, stringList(e.node, key: e.key, path: path))
            case "kill_timeout":
                if !root.contains("kill_timeout"),
                   let cast = castDuration(e.node, unit: FlyDuration.second, unitName: "seconds", path: path) {
                    root.set("kill_timeout", cast, keyPosition: e.keyPosition)
                }
            case "metrics_port", "metrics_path":
                metrics.set(String(e.key.dropFirst("metrics_".count)), e.node, keyPosition: e.keyPosition)
            default:
                break
            }
        }
        if table.isEmpty {
            root.remove("experimental")
        } else {
            root.set("experimental", TOMLNode(.table(table), at: entry.node.position))
        }
        if !root.contains("metrics"), let first = metrics.entries.first {
            root.set("metrics", TOMLNode(.table(metrics), at: first.keyPosition), keyPosition: first.keyPosition)
        }
    }

    /// A string becomes a one-element list (no shell splitting); a list must hold only strings.
    private mutating func stringList(_ node: TOMLNode, key: String, path: String) -> TOMLNode? {
        switch node.value {
        case .string:
            return TOMLNode(.array([node]), at: node.position)
        case .array(let items):
            for (i, item) in items.enumerated() where item.string == nil {
                fail(
                    "could not cast \(GoFormat.text(item.value)) of type \(GoFormat.typeName(item.value)) to string on \(key)",
                    hint: "\(key) must be a string or a list of strings", at: item.position, path: ConfigPath.index(path, i))
                return nil
            }
            return node
        default:
            fail(
                "could not cast \(GoFormat.text(node.value)) of type \(GoFormat.typeName(node.value)) to []string on \(key)",
                hint: "\(key) must be a string or a list of strings", at: node.position, path: path)
            return nil
        }
    }

    /// Patch 5: `[checks]` named tables, or the legacy list with `name`; each gets the check patch.
    mutating func patchTopLevelChecks(_ root: inout TOMLTable) {
        guard let entry = root.entry("checks") else { return }
        var checks = TOMLTable()
        switch entry.node.value {
        case .table(let table):
            for e in table.entries {
                let path = ConfigPath.join("checks", e.key)
                guard var check = e.node.table else {
                    fail(
                        "'checks' section of unknown type: \(GoFormat.typeName(e.node.value))",
                        hint: "write each check as a table: [checks.\(ConfigPath.key(e.key))] type = \"http\" …",
                        at: e.node.position, path: path)
                    continue
                }
                patchCheck(&check, path: path)
                checks.set(e.key, TOMLNode(.table(check), at: e.node.position), keyPosition: e.keyPosition)
            }
        case .array(let items):
            for (i, item) in items.enumerated() {
                let path = ConfigPath.index("checks", i)
                guard var check = item.table else {
                    fail("check item of unknown type: \(GoFormat.typeName(item.value))", hint: "write [checks.<name>] tables", at: item.position, path: path)
                    continue
                }
                guard let name = check.entry("name"), let text = name.node.string else {
                    fail("check item name not a string", hint: "give each [[checks]] entry a name = \"…\" (or write [checks.<name>])", at: check.entry("name")?.node.position ?? item.position, path: path)
                    continue
                }
                check.remove("name")
                patchCheck(&check, path: ConfigPath.join("checks", text))
                checks.set(text, TOMLNode(.table(check), at: item.position), keyPosition: name.keyPosition)
            }
        default:
            fail(
                "'checks' section of unknown type: \(GoFormat.typeName(entry.node.value))",
                hint: "write checks as named tables: [checks.<name>]", at: entry.node.position, path: "checks")
        }
        if checks.isEmpty {
            root.remove("checks")
        } else {
            root.set("checks", TOMLNode(.table(checks), at: entry.node.position))
        }
    }

    /// Patches 6–8: aliases, each a table or an array of tables, concatenated in order into
    /// `target`; `stringify` names a key whose value is converted to text.
    mutating func concatenate(_ root: inout TOMLTable, from keys: [String], into target: String, stringify: String?) {
        var items: [TOMLNode] = []
        var first: TOMLTable.Entry?
        for key in keys {
            guard let entry = root.entry(key) else { continue }
            root.remove(key)
            if first == nil { first = entry }
            guard let list = arrayOfTables(entry.node, path: key, what: target == "vm" ? "compute" : target) else { continue }
            for item in list {
                guard var table = item.table else { continue }
                if let stringify, let node = table[stringify], node.string == nil {
                    table.set(stringify, TOMLNode(.string(GoFormat.text(node.value)), at: node.position))
                }
                items.append(TOMLNode(.table(table), at: item.position))
            }
        }
        guard let first, !items.isEmpty else { return }
        root.set(target, TOMLNode(.array(items), at: first.node.position), keyPosition: first.keyPosition)
    }

    /// Patch 9: top-level `kill_timeout`, bare numbers in seconds.
    mutating func patchKillTimeout(_ root: inout TOMLTable) {
        guard let node = root["kill_timeout"] else { return }
        Normalizer.store(&root, "kill_timeout", castDuration(node, unit: FlyDuration.second, unitName: "seconds", path: "kill_timeout"))
    }

    /// Patch 10: `[build]` must be a table; `build_target` → `build-target`; empty → absent.
    mutating func patchBuild(_ root: inout TOMLTable) {
        guard let entry = root.entry("build") else { return }
        guard var table = entry.node.table else {
            fail(
                "Build section of unknown type: \(GoFormat.typeName(entry.node.value))",
                hint: "write [build] as a table", at: entry.node.position, path: "build")
            root.remove("build")
            return
        }
        if let legacy = table.entry("build_target") {
            table.remove("build_target")
            table.set("build-target", legacy.node, keyPosition: legacy.keyPosition)
        }
        if table.isEmpty {
            root.remove("build")
        } else {
            root.set("build", TOMLNode(.table(table), at: entry.node.position))
        }
    }
}
