import HangarRuntime

/// Hangar's own app routes under `/v1/hangar/apps/{app}`: status (Hangar's `AppStatus`), up, down,
/// scale count, scale show and scale vm.
enum HangarAppRoutes {
    static func routes(_ services: APIServices) -> [Route] {
        let runtime = services.runtime
        return [
            Route("GET", "/v1/hangar/apps") { _ in .json(await runtime.apps()) },
            Route("GET", "/v1/hangar/apps/{app}") { context in
                await Respond.with { () throws(ControlError) in try await runtime.status(app: context.parameter("app")) }
            },
            Route("POST", "/v1/hangar/apps/{app}/up") { context in await up(runtime, context) },
            Route("POST", "/v1/hangar/apps/{app}/down") { context in
                await Respond.with { () throws(ControlError) in try await runtime.down(app: context.parameter("app")) }
            },
            Route("GET", "/v1/hangar/apps/{app}/scale") { context in
                switch await GuestScaling.show(services, app: context.parameter("app")) {
                case .success(let rows): .json(rows)
                case .failure(let error): .error(error)
                }
            },
            Route("POST", "/v1/hangar/apps/{app}/scale") { context in await scale(runtime, context) },
            Route("POST", "/v1/hangar/apps/{app}/scale/vm") { context in await scaleVM(services, context) },
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

    /// Sets the VM size and/or memory of one group (or every group when none is named), then
    /// replaces the machines; answers the new `scale show` rows.
    static func scaleVM(_ services: APIServices, _ context: RouteContext) async -> HTTPResponse {
        let body: ScaleVMRequest
        switch Respond.decode(ScaleVMRequest.self, context, what: "scale request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        let app = context.parameter("app")
        if body.size == nil, body.memoryMB == nil {
            return .error(.badRequest("nothing to set: send {\"size\": \"shared-cpu-2x\"} or {\"memory_mb\": 512}"))
        }
        if let group = body.group, let error = RequestRules.group(group) { return .error(error) }
        let groups: [String]
        if let group = body.group {
            groups = [group]
        } else {
            switch await GuestScaling.show(services, app: app) {
            case .success(let rows): groups = rows.isEmpty ? ["app"] : rows.map(\.group)
            case .failure(let error): return .error(error)
            }
        }
        if let error = await GuestScaling.apply(services, app: app, groups: groups, preset: body.size, memoryMB: body.memoryMB) {
            return .error(error)
        }
        switch await GuestScaling.show(services, app: app) {
        case .success(let rows): return .json(rows)
        case .failure(let error): return .error(error)
        }
    }
}
