/// Patch 1: `env` as a table or an array of tables (merged left to right), non-string values
/// stringified with Go's `%v`.
extension Normalizer {
    mutating func patchEnv(_ root: inout TOMLTable) {
        guard let entry = root.entry("env") else { return }
        var merged = TOMLTable()
        guard collectEnv(entry.node, path: "env", into: &merged) else {
            root.remove("env")
            return
        }
        root.set("env", TOMLNode(.table(merged), at: entry.node.position))
    }

    private mutating func collectEnv(_ node: TOMLNode, path: String, into merged: inout TOMLTable) -> Bool {
        switch node.value {
        case .table(let table):
            for e in table.entries {
                let value: TOMLNode
                if case .string = e.node.value {
                    value = e.node
                } else {
                    value = TOMLNode(.string(GoFormat.text(e.node.value)), at: e.node.position)
                }
                merged.set(e.key, value, keyPosition: e.keyPosition)
            }
            return true
        case .array(let items):
            for (i, item) in items.enumerated() {
                guard collectEnv(item, path: ConfigPath.index(path, i), into: &merged) else { return false }
            }
            return true
        default:
            fail(
                "Do not know how to process 'env' section of type: \(GoFormat.typeName(node.value))",
                hint: "write environment variables as a table: [env] NAME = \"value\"",
                at: node.position, path: path)
            return false
        }
    }
}
