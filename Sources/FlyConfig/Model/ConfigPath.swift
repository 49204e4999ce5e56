/// Helpers for config paths such as `services[1].ports[0].port`, `checks.status.interval`,
/// `env.FOO`.
///
/// Tables use `.`, array elements `[i]`. A key that is not a bare TOML key (letters, digits, `_`,
/// `-`) is written in double quotes: `env."A.B"`.
public enum ConfigPath {
    /// A key as it appears in a path.
    public static func key(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy { s in
            (s.value >= 48 && s.value <= 57) || (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122)
                || s == "_" || s == "-"
        }
        if bare { return key }
        var escaped = ""
        for ch in key {
            if ch == "\"" || ch == "\\" { escaped.append("\\") }
            escaped.append(ch)
        }
        return "\"\(escaped)\""
    }

    /// `parent.key` (or `key` at the root).
    public static func join(_ parent: String, _ child: String) -> String {
        parent.isEmpty ? key(child) : parent + "." + key(child)
    }

    /// `parent[index]`.
    public static func index(_ parent: String, _ index: Int) -> String {
        "\(parent)[\(index)]"
    }

    /// The path one level up (`a.b[2]` → `a.b`, `a.b` → `a`, `a` → nil).
    public static func parent(of path: String) -> String? {
        if path.hasSuffix("]"), let open = path.lastIndex(of: "[") {
            return String(path[..<open])
        }
        // Find the last '.' outside quotes.
        var inQuotes = false
        var escaped = false
        var lastDot: String.Index?
        var i = path.startIndex
        while i < path.endIndex {
            let ch = path[i]
            if escaped {
                escaped = false
            } else if ch == "\\" && inQuotes {
                escaped = true
            } else if ch == "\"" {
                inQuotes.toggle()
            } else if ch == "." && !inQuotes {
                lastDot = i
            }
            i = path.index(after: i)
        }
        guard let lastDot else { return nil }
        return String(path[..<lastDot])
    }
}
