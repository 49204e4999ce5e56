/// Stage 2.2 of the pipeline: flyctl's normalisation patches, applied in flyctl's order on the
/// parsed tree. Node and key positions are kept (a rewritten value keeps the position of what it
/// came from), so the source map of the normalised tree points into the original file.
///
/// flyctl stops at the first patch error; we keep going (skipping the offending value) so that one
/// run reports every problem. Any error makes the load degraded.
struct Normalizer {
    private(set) var diagnostics: [Diagnostic] = []

    /// Runs every patch in order on `root`.
    mutating func normalise(_ root: inout TOMLTable) {
        patchEnv(&root)
        patchServices(&root)
        patchProcesses(&root)
        patchExperimental(&root)
        patchTopLevelChecks(&root)
        concatenate(&root, from: ["compute", "computes", "vm"], into: "vm", stringify: "memory")
        concatenate(&root, from: ["mount", "mounts"], into: "mounts", stringify: "initial_size")
        concatenate(&root, from: ["metric", "metrics"], into: "metrics", stringify: nil)
        patchKillTimeout(&root)
        patchBuild(&root)
    }

    // MARK: Reporting

    mutating func fail(_ message: String, hint: String? = nil, at position: SourcePosition, path: String) {
        diagnostics.append(Diagnostic(.error, code: DecodeCode.normalisation, message, hint: hint, at: position, path: path))
    }

    mutating func warnDropped(_ message: String, hint: String? = nil, at position: SourcePosition, path: String) {
        diagnostics.append(Diagnostic(.warning, code: DecodeCode.droppedValue, message, hint: hint, at: position, path: path))
    }

    // MARK: Shared shapes

    /// flyctl's `ensureArrayOfMap`: a table becomes a one-element list; an array must hold only
    /// tables. Returns nil (after reporting) for any other shape.
    mutating func arrayOfTables(_ node: TOMLNode, path: String, what: String) -> [TOMLNode]? {
        switch node.value {
        case .table:
            return [node]
        case .array(let items):
            for (i, item) in items.enumerated() where item.table == nil {
                fail(
                    "Error processing \(what): Can not cast '\(GoFormat.text(item.value))' as map[string]any",
                    hint: "every element of \(path) must be a table ([[\(path)]] sections or inline { … } tables)",
                    at: item.position, path: ConfigPath.index(path, i))
                return nil
            }
            return items
        default:
            fail(
                "Error processing \(what): Unknown type '\(GoFormat.typeName(node.value))'",
                hint: "write \(path) as a table ([\(path)]) or an array of tables ([[\(path)]])",
                at: node.position, path: path)
            return nil
        }
    }

    /// flyctl's `castToInt`: integers kept, floats truncated, base-10 strings parsed.
    mutating func castToInt(_ node: TOMLNode, path: String, key: String) -> TOMLNode? {
        switch node.value {
        case .integer:
            return node
        case .float(let d):
            guard d.isFinite, Swift.abs(d) < 9.2e18 else {
                fail("Can not convert '\(GoFormat.float(d))' to integer", at: node.position, path: path)
                return nil
            }
            return TOMLNode(.integer(Int64(d.rounded(.towardZero))), at: node.position)
        case .string(let s):
            guard let n = GoAtoi.parse(s) else {
                fail(
                    "Can not convert '\(s)' to integer: \(GoAtoi.errorText(s))",
                    hint: "write \(key) as a number, e.g. \(key) = 8080",
                    at: node.position, path: path)
                return nil
            }
            return TOMLNode(.integer(n), at: node.position)
        default:
            fail(
                "Unknown type for cast: \(GoFormat.typeName(node.value))",
                hint: "write \(key) as a number, e.g. \(key) = 8080",
                at: node.position, path: path)
            return nil
        }
    }

    /// flyctl's `_castDuration`: strings kept (empty → absent), numbers scaled by `unit`, anything
    /// else dropped. Returns the node to store, or nil to remove the key.
    mutating func castDuration(_ node: TOMLNode, unit: Int64, unitName: String, path: String) -> TOMLNode? {
        switch node.value {
        case .string(let s):
            return s.isEmpty ? nil : node
        case .integer(let i):
            return TOMLNode(.string(FlyDuration.fromBareNumber(i, unit: unit).description), at: node.position)
        case .float(let d):
            return TOMLNode(.string(FlyDuration.fromBareNumber(d, unit: unit).description), at: node.position)
        default:
            warnDropped(
                "\(path) is a \(node.value.typeName); flyctl ignores it",
                hint: "write a duration string such as \"10s\" (a bare number means \(unitName))",
                at: node.position, path: path)
            return nil
        }
    }

    /// Replaces `key` in `table` with `node`, or removes it when `node` is nil.
    static func store(_ table: inout TOMLTable, _ key: String, _ node: TOMLNode?) {
        if let node { table.set(key, node) } else { table.remove(key) }
    }
}

/// Go's `strconv.Atoi` (optional sign, ASCII digits, 64-bit range).
enum GoAtoi {
    static func parse(_ s: String) -> Int64? {
        var body = Substring(s)
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let magnitude = UInt64(body) else { return nil }
        if negative {
            if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    static func errorText(_ s: String) -> String {
        var body = Substring(s)
        if let first = body.first, first == "+" || first == "-" { body = body.dropFirst() }
        let syntaxOK = !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isNumber }
        return "strconv.Atoi: parsing \"\(s)\": " + (syntaxOK ? "value out of range" : "invalid syntax")
    }
}
