import HangarRuntime
import HangarStore

/// The daemon's routes, shaped like Fly's Machines API (under `/v1`), with Hangar's own additions
/// under `/v1/hangar`. Path parameters are checked before any handler runs: `{app}` is an app name,
/// `{id}` a 14-hex machine id, `{name}` a secret name, `{volume}` a volume id.
public enum APIRoutes {
    /// Where the router serves: the unix socket has every route; TCP (bearer tokens) has all but
    /// token management, so a token cannot mint tokens.
    public enum Listener: Sendable {
        case unixSocket
        case tcp
    }

    /// `metrics` renders `GET /metrics` (Prometheus text); nil leaves the route out.
    public static func router(
        services: APIServices, listener: Listener = .unixSocket, metrics: (@Sendable () -> [UInt8])? = nil
    ) -> Router {
        var routes = [Route("GET", "/v1/hangar/daemon") { _ in .json(services.daemon) }]
        routes += FlyAppRoutes.routes(services) + FlyMachineRoutes.routes(services) + SecretRoutes.routes(services.runtime)
        routes += FlyVolumeRoutes.routes(services) + VolumeOperationRoutes.routes(services.runtime)
        routes += HangarAppRoutes.routes(services) + LogRoutes.routes(services.runtime)
        routes += DeployRoutes.routes(services.runtime) + MetricsRoutes.routes(metrics)
        if listener == .unixSocket { routes += TokenRoutes.routes(services) }
        return Router(
            routes: routes,
            validators: [
                "app": { RequestRules.app($0) },
                "id": { RequestRules.machineID($0) },
                "name": { RequestRules.secretName($0) },
                "volume": { RequestRules.volumeID($0) },
            ])
    }

    /// Without a store (tests of the HTTP layer).
    public static func router(
        runtime: any RuntimeControl, daemon: DaemonInfo, metrics: (@Sendable () -> [UInt8])? = nil
    ) -> Router {
        router(services: APIServices(runtime: runtime, store: nil, daemon: daemon), metrics: metrics)
    }

    /// Every route as `METHOD PATTERN`, for documentation and tests.
    public static func table(runtime: any RuntimeControl) -> [String] {
        router(runtime: runtime, daemon: DaemonInfo(pid: 0, version: "", home: "", startedAt: "")).routes.map {
            "\($0.method) \($0.pattern)"
        }
    }
}
