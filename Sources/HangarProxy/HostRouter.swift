/// Picks the app a request on a shared port is for, from its Host header: `<app>.localhost`,
/// `<app>.localhost:<port>`, a bare `<app>`, or an extra host name given in the options. One app
/// alone on a port gets every request, whatever the host.
public enum HostRouter {
    public static func claim(host: String?, in claims: [PortClaim], hostnames: [String: String]) -> PortClaim? {
        if claims.count == 1 { return claims.first }
        guard let host, let name = appName(host: host, hostnames: hostnames) else { return nil }
        return claims.first { $0.app == name }
    }

    /// The app a host names, or nil.
    public static func appName(host: String, hostnames: [String: String]) -> String? {
        var name = host.lowercased()
        if name.hasPrefix("[") {
            return nil  // an IPv6 literal names no app
        }
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        if name.hasSuffix(".") { name.removeLast() }
        if let app = hostnames[name] { return app }
        if name.hasSuffix(".localhost") {
            let stem = name.dropLast(".localhost".count)
            // `www.app.localhost` names `app` too.
            return stem.split(separator: ".").last.map(String.init)
        }
        return name
    }
}
