import HangarRuntime

/// Machines of an app: list, one, actions, destroy and events.
enum MachineRoutes {
    static func routes(_ runtime: any RuntimeControl) -> [Route] {
        var routes = [
            Route("GET", "/v1/apps/{app}/machines") { context in
                await Respond.with { () throws(ControlError) in
                    try await runtime.status(app: context.parameter("app")).machines
                }
            },
            Route("GET", "/v1/apps/{app}/machines/{id}") { context in
                await Respond.with { () throws(ControlError) in
                    try await machine(runtime, app: context.parameter("app"), id: context.parameter("id"))
                }
            },
            Route("DELETE", "/v1/apps/{app}/machines/{id}") { context in
                await action(runtime, context, .destroy)
            },
            Route("GET", "/v1/apps/{app}/machines/{id}/events") { context in await events(runtime, context) },
        ]
        for action in [MachineAction.start, .stop, .restart, .suspend] {
            routes.append(
                Route("POST", "/v1/apps/{app}/machines/{id}/\(action.rawValue)") { context in
                    await Self.action(runtime, context, action)
                })
        }
        return routes
    }

    static func machine(_ runtime: any RuntimeControl, app: String, id: String) async throws(ControlError)
        -> MachineStatus
    {
        let status = try await runtime.status(app: app)
        guard let machine = status.machines.first(where: { $0.id == id }) else {
            throw ControlError(.notFound, "machine \(id) not found in app \(app)")
        }
        return machine
    }

    static func action(_ runtime: any RuntimeControl, _ context: RouteContext, _ action: MachineAction) async
        -> HTTPResponse
    {
        await Respond.with { () throws(ControlError) in
            try await runtime.machineAction(app: context.parameter("app"), machine: context.parameter("id"), action: action)
        }
    }

    static func events(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let limit: Int
        switch RequestRules.integer(context.query, "limit", in: RequestRules.eventLimits, fallback: 100) {
        case .success(let value): limit = value
        case .failure(let error): return .error(error)
        }
        return await Respond.with { () throws(ControlError) in
            try await runtime.events(app: context.parameter("app"), machine: context.parameter("id"), limit: limit)
        }
    }
}
