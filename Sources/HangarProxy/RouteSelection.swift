import HangarCore

/// Finds the services of a routing table that a listener's port belongs to.
public enum RouteSelection {
    /// Every service (of any app) with a public port range that contains `port`.
    public static func services(on port: Int, in table: RoutingTable) -> [(app: String, routes: ServiceRoutes)] {
        table.apps.flatMap { app in
            app.services
                .filter { routes in routes.service.ports.contains { $0.start <= port && port <= $0.end } }
                .map { (app: app.app, routes: $0) }
        }
    }
}
