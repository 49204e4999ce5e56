import HangarRuntime

/// Hangar's deploy routes (`/v1/hangar/apps/{app}/...`): deploy, list deploys and releases, roll
/// back. They need a runtime that also implements `DeployControl`.
enum DeployRoutes {
    static func routes(_ runtime: any RuntimeControl) -> [Route] {
        guard let deployer = runtime as? any DeployControl else { return [] }
        return [
            Route("POST", "/v1/hangar/apps/{app}/deploys") { context in await deploy(deployer, context) },
            Route("GET", "/v1/hangar/apps/{app}/deploys") { context in
                await Respond.with { () throws(ControlError) in try await deployer.deploys(app: context.parameter("app")) }
            },
            Route("GET", "/v1/hangar/apps/{app}/releases") { context in
                await Respond.with { () throws(ControlError) in try await deployer.releases(app: context.parameter("app")) }
            },
            Route("POST", "/v1/hangar/apps/{app}/rollback") { context in
                let body: RollbackRequest
                switch Respond.decode(RollbackRequest.self, context, what: "rollback request") {
                case .success(let value): body = value
                case .failure(let error): return .error(error)
                }
                if let error = body.waitTimeoutSeconds.flatMap(RequestRules.waitTimeout) { return .error(error) }
                if let version = body.version, version < 1 {
                    return .error(.badRequest("invalid release version \(version): versions start at 1"))
                }
                return await Respond.with { () throws(ControlError) in
                    try await deployer.rollback(
                        app: context.parameter("app"), version: body.version, waitTimeoutSeconds: body.waitTimeoutSeconds)
                }
            },
        ]
    }

    /// `DeployRequest` with the app of the path: a body naming another app is refused.
    static func deploy(_ deployer: any DeployControl, _ context: RouteContext) async -> HTTPResponse {
        let app = context.parameter("app")
        var request: DeployRequest
        switch Respond.decode(DeployRequest.self, context, what: "deploy request") {
        case .success(let value): request = value
        case .failure(let error): return .error(error)
        }
        if let named = request.appName, named != app {
            return .error(
                .badRequest("the body names app \(HTTPText.quoted(named)) but the path names \(HTTPText.quoted(app))"))
        }
        if let error = RequestRules.configPath(request.configPath)
            ?? request.waitTimeoutSeconds.flatMap(RequestRules.waitTimeout)
        {
            return .error(error)
        }
        if let version = request.imageRelease, version < 1 {
            return .error(.badRequest("invalid release version \(version): versions start at 1"))
        }
        request.appName = app
        let accepted = request
        return await Respond.with { () throws(ControlError) in try await deployer.deploy(accepted) }
    }
}
