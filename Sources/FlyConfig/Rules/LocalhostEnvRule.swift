/// HG402: an `[env]` value pointing at `localhost:<port>` where `<port>` is served by another process
/// group (warning). On Fly each group runs on its own machines, so loopback never reaches another
/// group; it must use `<group>.process.<app>.internal:<port>`.
struct LocalhostEnvRule: Rule {
    let codes = ["HG402"]
    let summary = "[env] does not reach another process group through localhost"

    static let loopbackHosts = ["localhost", "127.0.0.1", "[::1]", "0.0.0.0"]

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        let groups = config.processNames
        guard groups.count > 1, let env = config.env else { return [] }
        var result: [Diagnostic] = []
        for name in env.keys.sorted(by: AppConfig.byteOrder) {
            guard let value = env[name] else { continue }
            for (host, port) in Self.loopbackAddresses(in: value) + Self.splitHostAndPort(name: name, env: env) {
                let serving = groups.filter { Self.serves(config, group: $0, port: port) }
                guard !serving.isEmpty, serving.count < groups.count else { continue }
                let others = groups.filter { !serving.contains($0) }
                let app = config.app.flatMap { $0.isEmpty ? nil : $0 } ?? "<app>"
                let target = serving[0]
                result.append(
                    context.warning(
                        "HG402",
                        "[env] \(name) points at \(host):\(port), which only group\(serving.count == 1 ? "" : "s") \(Self.list(serving)) serve\(serving.count == 1 ? "s" : ""); machines of \(Self.list(others)) run separately and cannot reach it on their own loopback",
                        hint: "use \(target).process.\(app).internal:\(port) (process groups are separate machines on Fly)",
                        path: "env.\(ConfigPath.key(name))"))
                break
            }
        }
        return result
    }

    static func list(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// True when a service of `group` listens on `port`, or one of its top-level checks probes it.
    static func serves(_ config: AppConfig, group: String, port: Int) -> Bool {
        config.services(for: group).contains { $0.internalPort == port }
            || config.checks(for: group).contains { $0.port == port }
    }

    /// A `*_HOST` variable set to a loopback host, with its `*_PORT` sibling (`REVERB_HOST = "localhost"`
    /// and `REVERB_PORT = "8080"`): the pair names one address just as `localhost:8080` does.
    static func splitHostAndPort(name: String, env: [String: String]) -> [(host: String, port: Int)] {
        guard name.uppercased().hasSuffix("HOST"), let value = env[name] else { return [] }
        let host = String(value.filter { $0 != " " && $0 != "\t" }).lowercased()
        guard loopbackHosts.contains(host) || host == "::1" else { return [] }
        let prefix = String(name.dropLast(4))
        for portName in [prefix + "PORT", prefix + "port"] {
            if let text = env[portName], let port = Int(String(text.filter { $0 != " " && $0 != "\t" })), (1...65535).contains(port) {
                return [(host, port)]
            }
        }
        return []
    }

    /// Every `<loopback host>:<port>` in `value`, in order.
    static func loopbackAddresses(in value: String) -> [(host: String, port: Int)] {
        let chars = Array(value)
        var result: [(String, Int)] = []
        var i = 0
        while i < chars.count {
            var matched = false
            for host in loopbackHosts {
                let h = Array(host)
                guard i + h.count < chars.count, String(chars[i..<(i + h.count)]).lowercased() == host,
                    i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "." || chars[i - 1] == "-"),
                    chars[i + h.count] == ":"
                else { continue }
                var j = i + h.count + 1
                var digits = ""
                while j < chars.count, chars[j].isASCII, chars[j].isNumber {
                    digits.append(chars[j])
                    j += 1
                }
                if let port = Int(digits), (1...65535).contains(port) {
                    result.append((host, port))
                    i = j
                    matched = true
                }
                break
            }
            if !matched { i += 1 }
        }
        return result
    }
}
