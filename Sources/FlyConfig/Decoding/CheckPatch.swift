/// The check patch (services' tcp/http checks and top-level checks, not `http_service.checks`):
/// bare-number durations are milliseconds, empty strings are absent, header lists become tables.
extension Normalizer {
    mutating func patchCheck(_ check: inout TOMLTable, path: String) {
        for key in ["interval", "timeout", "grace_period"] {
            guard let node = check[key] else { continue }
            let cast = castDuration(node, unit: FlyDuration.millisecond, unitName: "milliseconds here", path: ConfigPath.join(path, key))
            Normalizer.store(&check, key, cast)
        }
        if let node = check["headers"] {
            let headersPath = ConfigPath.join(path, "headers")
            if let headers = patchHeaders(node, path: headersPath), !headers.isEmpty {
                check.set("headers", TOMLNode(.table(headers), at: node.position))
            } else {
                check.remove("headers")
            }
        }
    }

    private static let headersHint = "write headers as a table: [….headers] Header-Name = \"value\""

    private mutating func patchHeaders(_ node: TOMLNode, path: String) -> TOMLTable? {
        var headers = TOMLTable()
        switch node.value {
        case .table(let table):
            for e in table.entries {
                headers.set(e.key, stringified(e.node), keyPosition: e.keyPosition)
            }
        case .array(let items):
            for (i, item) in items.enumerated() {
                guard let element = item.table else {
                    fail("Can't cast \(GoFormat.text(item.value)) into map[string]any", hint: Normalizer.headersHint, at: item.position, path: ConfigPath.index(path, i))
                    return nil
                }
                guard let name = element.entry("name") else {
                    fail("Unsupported headers format \(GoFormat.text(item.value))", hint: "each [[….headers]] element needs a name and a value", at: item.position, path: ConfigPath.index(path, i))
                    return nil
                }
                let value = element["value"].map(stringified) ?? TOMLNode(.string(""), at: item.position)
                headers.set(GoFormat.text(name.node.value), value, keyPosition: name.node.position)
            }
        default:
            fail("Unsupported headers format: \(GoFormat.text(node.value))", hint: Normalizer.headersHint, at: node.position, path: path)
            return nil
        }
        return headers
    }

    private func stringified(_ node: TOMLNode) -> TOMLNode {
        if case .string = node.value { return node }
        return TOMLNode(.string(GoFormat.text(node.value)), at: node.position)
    }
}
