import HangarRuntime

/// The daemon's routes, shaped like Fly's Machines API (under `/v1`), with Hangar's own additions
/// under `/v1/hangar`. Path parameters are checked before any handler runs: `{app}` is an app name,
/// `{id}` a 14-hex machine id, `{name}` a secret name.
public enum APIRoutes {
    /// `metrics` renders `GET /metrics` (Prometheus text); nil leaves the route out.
    public static func router(
        runtime: any RuntimeControl, daemon: DaemonInfo, metrics: (@Sendable () -> [UInt8])? = nil
    ) -> Router {
        Router(
            routes: [Route("GET", "/v1/hangar/daemon") { _ in .json(daemon) }]
                + AppRoutes.routes(runtime) + MachineRoutes.routes(runtime) + SecretRoutes.routes(runtime)
                + VolumeRoutes.routes(runtime) + VolumeOperationRoutes.routes(runtime) + LogRoutes.routes(runtime)
                + DeployRoutes.routes(runtime) + MetricsRoutes.routes(metrics),
            validators: [
                "app": { RequestRules.app($0) },
                "id": { RequestRules.machineID($0) },
                "name": { RequestRules.secretName($0) },
            ])
    }

    /// Every route as `METHOD PATTERN`, for documentation and tests.
    public static func table(runtime: any RuntimeControl) -> [String] {
        router(runtime: runtime, daemon: DaemonInfo(pid: 0, version: "", home: "", startedAt: "")).routes.map {
            "\($0.method) \($0.pattern)"
        }
    }
}
