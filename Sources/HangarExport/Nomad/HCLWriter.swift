/// Writes an `HCLBody` as HCL2 text in `nomad fmt` style: two-space indent, the `=` of consecutive
/// attributes aligned, a blank line around blocks, strings escaped (quotes, backslashes, control
/// characters, and `${` / `%{` so nothing is interpolated).
enum HCLWriter {
    static func write(_ body: HCLBody) -> String {
        var out = ""
        write(body, indent: 0, into: &out)
        return out
    }

    private static func write(_ body: HCLBody, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        var i = 0
        var previousWasBlock = false
        let items = body.items
        while i < items.count {
            switch items[i] {
            case .attribute:
                var run: [(String, HCLValue)] = []
                while i < items.count, case .attribute(let name, let value) = items[i] {
                    run.append((name, value))
                    i += 1
                }
                if previousWasBlock { out += "\n" }
                let width = run.map { key($0.0).count }.max() ?? 0
                for (name, value) in run {
                    let k = key(name)
                    out += pad + k + String(repeating: " ", count: width - k.count) + " = "
                    out += render(value, indent: indent) + "\n"
                }
                previousWasBlock = false
            case .block(let block):
                if i > 0 { out += "\n" }
                out += pad + block.type
                for label in block.labels { out += " " + quoted(label) }
                if block.body.items.isEmpty {
                    out += " {}\n"
                } else {
                    out += " {\n"
                    write(block.body, indent: indent + 2, into: &out)
                    out += pad + "}\n"
                }
                previousWasBlock = true
                i += 1
            }
        }
    }

    /// An attribute name: bare when it is an identifier, else quoted (valid in object keys).
    static func key(_ name: String) -> String { isIdentifier(name) ? name : quoted(name) }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    static func render(_ value: HCLValue, indent: Int) -> String {
        switch value {
        case .string(let s): return quoted(s)
        case .int(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .list(let values):
            let parts = values.map { render($0, indent: indent + 2) }
            let inline = "[" + parts.joined(separator: ", ") + "]"
            if inline.count + indent <= 100 && !inline.contains("\n") { return inline }
            let pad = String(repeating: " ", count: indent + 2)
            return "[\n" + parts.map { pad + $0 + ",\n" }.joined() + String(repeating: " ", count: indent) + "]"
        case .object(let entries):
            if entries.isEmpty { return "{}" }
            let pad = String(repeating: " ", count: indent + 2)
            let width = entries.map { key($0.0).count }.max() ?? 0
            var text = "{\n"
            for (name, v) in entries {
                let k = key(name)
                text += pad + k + String(repeating: " ", count: width - k.count) + " = " + render(v, indent: indent + 2) + "\n"
            }
            return text + String(repeating: " ", count: indent) + "}"
        case .heredoc(let text):
            var marker = "EOT"
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            while lines.contains(where: { $0.trimmingCharacters(in: " \t") == marker }) { marker += "X" }
            var body = escapeTemplate(text)
            if !body.hasSuffix("\n") { body += "\n" }
            return "<<" + marker + "\n" + body + marker
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in escapeTemplate(s).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `${` → `$${` and `%{` → `%%{`: literal in HCL templates.
    static func escapeTemplate(_ s: String) -> String {
        var out = ""
        var previous: Character?
        for c in s {
            if c == "{", let p = previous, p == "$" || p == "%" { out.append(p) }
            out.append(c)
            previous = c
        }
        return out
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
