import HangarCore

/// One app's claim on a local port: the service, the public port it asked for and that port's
/// handlers.
public struct PortClaim: Sendable, Equatable {
    public var app: String
    public var publicPort: Int
    public var port: PortSpec
    public var routes: ServiceRoutes

    /// `http` handler: requests are parsed, balanced per request and routed by Host.
    public var isHTTP: Bool { port.handlers.contains("http") }
    /// `tls` handler: TLS is terminated before anything else.
    public var isTLS: Bool { port.handlers.contains("tls") }
    /// `proxy_proto` handler: a PROXY header is sent to the app first.
    public var isProxyProto: Bool { port.handlers.contains("proxy_proto") }
}

/// How one local port is served: its claims (one app, or several apps sharing an http port).
public struct PortBinding: Sendable, Equatable {
    public var localPort: Int
    public var claims: [PortClaim]

    public var isHTTP: Bool { claims.first?.isHTTP ?? false }
    public var isTLS: Bool { claims.first?.isTLS ?? false }
    /// What decides the pipeline; a listener is rebuilt when it changes.
    public var shape: String { (isTLS ? "tls+" : "") + (isHTTP ? "http" : "tcp") }
}

/// Two apps (or two incompatible uses) want the same local port.
public struct PortConflict: Sendable, Equatable, CustomStringConvertible {
    public var localPort: Int
    public var apps: [String]
    public var reason: String

    public var description: String {
        "port \(localPort) is claimed by \(apps.joined(separator: " and ")): \(reason); "
            + "give one app other ports, or a port map (--port-map) for one of them"
    }
}

/// Which local ports a routing table needs and who owns each. Pure: the proxy reconciles its
/// listeners to it, and `hangar up` checks a new app against it before starting anything.
public struct PortLayout: Sendable, Equatable {
    public var bindings: [Int: PortBinding]
    public var conflicts: [PortConflict]

    /// Every udp service is left out (the proxy is TCP only); ranges expand to each port.
    public init(table: RoutingTable, options: ProxyOptions) {
        var claims: [Int: [PortClaim]] = [:]
        for app in table.apps {
            for routes in app.services where routes.service.protocol != "udp" {
                for port in routes.service.ports where port.start > 0 && port.end >= port.start {
                    for publicPort in port.start...min(port.end, port.start + 4096) {
                        let local = options.localPort(app: app.app, publicPort: publicPort)
                        let claim = PortClaim(app: app.app, publicPort: publicPort, port: port, routes: routes)
                        claims[local, default: []].append(claim)
                    }
                }
            }
        }
        var bindings: [Int: PortBinding] = [:]
        var conflicts: [PortConflict] = []
        for (local, list) in claims {
            // One claim per app: the first service that names the port (Fly matches on port only).
            var seen: Set<String> = []
            let unique = list.filter { seen.insert($0.app).inserted }
            if let conflict = Self.conflict(local: local, claims: unique) {
                conflicts.append(conflict)
                // The app that was there first (alphabetically) keeps the port.
                bindings[local] = PortBinding(localPort: local, claims: [unique[0]])
            } else {
                bindings[local] = PortBinding(localPort: local, claims: unique)
            }
        }
        self.bindings = bindings
        self.conflicts = conflicts.sorted { $0.localPort < $1.localPort }
    }

    /// Several apps may share a port only when every one of them uses the `http` handler the same
    /// way (all with `tls`, or all without): requests are then routed by Host.
    static func conflict(local: Int, claims: [PortClaim]) -> PortConflict? {
        guard claims.count > 1 else { return nil }
        let apps = claims.map(\.app)
        if let raw = claims.first(where: { !$0.isHTTP }) {
            return PortConflict(
                localPort: local, apps: apps,
                reason: "\(raw.app) uses it without the http handler (raw TCP), so it cannot be shared")
        }
        if Set(claims.map(\.isTLS)).count > 1 {
            return PortConflict(localPort: local, apps: apps, reason: "some use the tls handler on it and some do not")
        }
        return nil
    }

    /// The conflicts that starting (or updating) `app` with `services` would make against the apps
    /// already in `table`. Empty means the app may start.
    public static func conflicts(
        app: String, services: [ServiceSpec], with table: RoutingTable, options: ProxyOptions
    ) -> [PortConflict] {
        var apps = table.apps.filter { $0.app != app }
        apps.append(
            AppRoutes(app: app, services: services.map { ServiceRoutes(group: "", service: $0, targets: []) }))
        let layout = PortLayout(table: RoutingTable(apps: apps), options: options)
        return layout.conflicts.filter { $0.apps.contains(app) }
    }
}
