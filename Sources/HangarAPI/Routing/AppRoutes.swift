import HangarRuntime

/// Apps: list, status, up, down and scale.
enum AppRoutes {
    static func routes(_ runtime: any RuntimeControl) -> [Route] {
        [
            Route("GET", "/v1/apps") { _ in .json(await runtime.apps()) },
            Route("GET", "/v1/apps/{app}") { context in
                await Respond.with { () throws(ControlError) in try await runtime.status(app: context.parameter("app")) }
            },
            Route("GET", "/v1/apps/{app}/status") { context in
                await Respond.with { () throws(ControlError) in try await runtime.status(app: context.parameter("app")) }
            },
            Route("POST", "/v1/apps/{app}/up") { context in await up(runtime, context) },
            Route("POST", "/v1/apps/{app}/down") { context in
                await Respond.with { () throws(ControlError) in try await runtime.down(app: context.parameter("app")) }
            },
            Route("POST", "/v1/apps/{app}/scale") { context in await scale(runtime, context) },
        ]
    }

    /// `UpRequest` with the app of the path: a body naming another app is refused.
    static func up(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let app = context.parameter("app")
        var request: UpRequest
        switch Respond.decode(UpRequest.self, context, what: "up request") {
        case .success(let value): request = value
        case .failure(let error): return .error(error)
        }
        if let named = request.appName, named != app {
            return .error(
                .badRequest("the body names app \(HTTPText.quoted(named)) but the path names \(HTTPText.quoted(app))"))
        }
        if let error = RequestRules.configPath(request.configPath) ?? RequestRules.waitTimeout(request.waitTimeoutSeconds)
        {
            return .error(error)
        }
        request.appName = app
        let accepted = request
        return await Respond.with { () throws(ControlError) in try await runtime.up(accepted) }
    }

    static func scale(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let body: ScaleRequest
        switch Respond.decode(ScaleRequest.self, context, what: "scale request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        if let error = RequestRules.counts(body.counts) { return .error(error) }
        return await Respond.with { () throws(ControlError) in
            try await runtime.scale(app: context.parameter("app"), counts: body.counts)
        }
    }
}
