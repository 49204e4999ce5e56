/// Finds Fly private-network names (`web.process.app.internal`, `app.internal`, `app.flycast`) in
/// `[env]` values: the targets do not resolve them, so each becomes a warning that names what to
/// use instead (the group's Service, Nomad service or compose service).
enum PrivateNetworkHints {
    /// Host names ending in `.internal` or `.flycast` in `value`.
    static func hosts(in value: String) -> [String] {
        var result: [String] = []
        let chars = Array(value)
        var i = 0
        func isHostChar(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == ".") }
        while i < chars.count {
            guard isHostChar(chars[i]) else {
                i += 1
                continue
            }
            var j = i
            while j < chars.count, isHostChar(chars[j]) { j += 1 }
            var host = String(chars[i..<j])
            while host.hasSuffix(".") { host.removeLast() }
            if host.hasSuffix(".internal") || host.hasSuffix(".flycast") { result.append(host) }
            i = j
        }
        return result
    }

    /// The process group a name points at: `<group>.process.<app>.internal` → group; other names
    /// (`<app>.internal`, `<region>.<app>.internal`, `<app>.flycast`) → nil (any group of the app).
    static func group(of host: String) -> String? {
        let labels = host.split(separator: ".").map(String.init)
        guard let i = labels.firstIndex(of: "process"), i > 0 else { return nil }
        return labels[i - 1]
    }

    /// One warning per private name in `[env]`. `instead` says how the target reaches a group (the
    /// named group, or the app's default group for app-wide names).
    static func warnings(env: [String: String], groups: [String], defaultGroup: String, instead: (String) -> String) -> [ExportWarning] {
        var list = WarningList()
        for (name, value) in env.sorted(by: { $0.key < $1.key }) {
            for host in hosts(in: value) {
                let group = group(of: host).flatMap { groups.contains($0) ? $0 : nil } ?? defaultGroup
                list.add(
                    "env.\(name)",
                    "'\(host)' is a name on Fly's private network, which this target does not resolve",
                    instead: instead(group))
            }
        }
        return list.all
    }
}
