import HangarRuntime
import HangarStore

/// `GET/POST /v1/apps` and `GET /v1/apps/{app}` in Fly's shapes.
enum FlyAppRoutes {
    static func routes(_ services: APIServices) -> [Route] {
        let runtime = services.runtime
        return [
            Route("GET", "/v1/apps") { _ in
                let apps = await runtime.apps().map(FlyListApp.init)
                return .json(FlyListAppsResponse(apps: apps, totalApps: apps.count))
            },
            Route("POST", "/v1/apps") { context in await create(services, context) },
            Route("GET", "/v1/apps/{app}") { context in
                let app = context.parameter("app")
                return await Respond.with { () throws(ControlError) in
                    FlyApp(name: app, machines: try await runtime.status(app: app).machines)
                }
            },
        ]
    }

    /// Registers an app name (201); 409 when it exists. `hangar up` gives it its fly.toml later.
    static func create(_ services: APIServices, _ context: RouteContext) async -> HTTPResponse {
        let body: FlyCreateAppRequest
        switch Respond.decode(FlyCreateAppRequest.self, context, what: "app request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        if let error = RequestRules.app(body.appName) { return .error(error) }
        let result = services.storeCall { store throws(StoreError) -> FlyApp in
            if try store.app(named: body.appName) != nil {
                throw StoreError(.conflict, "app \(body.appName) already exists")
            }
            _ = try store.registerApp(name: body.appName)
            return FlyApp(name: body.appName, machines: [])
        }
        switch result {
        case .success(let app): return .json(app, status: 201)
        case .failure(let error): return .error(error)
        }
    }
}
