import FlyConfig
import HangarAPI
import HangarCore
import HangarProxy
import HangarRuntime

/// Before `hangar up` starts an app: its public ports must not collide with another app's raw TCP
/// ports (http ports are shared, routed by Host). The other apps' ports come from their fly.toml
/// files, as the daemon registered them.
enum PortConflictCheck {
    static func check(app: String, config: AppConfig, api: APIClient) async throws(CLIFailure) {
        guard let mine = services(of: config, app: app) else { return }
        let others = (try? await api.apps()) ?? []
        var routes: [AppRoutes] = []
        for other in others where other.name != app && other.started > 0 {
            guard let config = FlyConfigLoader.load(path: other.configPath).config,
                let services = services(of: config, app: other.name)
            else { continue }
            routes.append(
                AppRoutes(app: other.name, services: services.map { ServiceRoutes(group: "", service: $0, targets: []) }))
        }
        let conflicts = PortLayout.conflicts(
            app: app, services: mine, with: RoutingTable(apps: routes), options: ProxyOptions())
        guard conflicts.isEmpty else {
            throw .failed(conflicts.map(\.description).joined(separator: "\n"))
        }
    }

    private static func services(of config: AppConfig, app: String) -> [ServiceSpec]? {
        guard let plan = try? Plan.make(config: config, appName: app, requireCommand: false) else { return nil }
        return plan.groups.flatMap(\.spec.services)
    }
}
