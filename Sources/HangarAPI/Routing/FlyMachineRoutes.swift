import Foundation
import HangarRuntime
import HangarStore

/// Machines of an app in Fly's shapes: list, create, show, update (VM size and memory), destroy,
/// start/stop/restart/suspend, wait and events.
enum FlyMachineRoutes {
    static func routes(_ services: APIServices) -> [Route] {
        let runtime = services.runtime
        var routes = [
            Route("GET", "/v1/apps/{app}/machines") { context in await list(services, context) },
            Route("POST", "/v1/apps/{app}/machines") { context in await create(services, context) },
            Route("GET", "/v1/apps/{app}/machines/{id}") { context in
                await Respond.with { () throws(ControlError) in
                    try await machine(services, app: context.parameter("app"), id: context.parameter("id"), events: 10)
                }
            },
            Route("POST", "/v1/apps/{app}/machines/{id}") { context in await update(services, context) },
            Route("DELETE", "/v1/apps/{app}/machines/{id}") { context in await action(runtime, context, .destroy) },
            Route("GET", "/v1/apps/{app}/machines/{id}/wait") { context in await MachineWait.wait(runtime, context) },
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

    /// The machines as Fly shows them; `region` other than `local` lists none.
    static func list(_ services: APIServices, _ context: RouteContext) async -> HTTPResponse {
        let app = context.parameter("app")
        if let region = context.query["region"], !region.isEmpty, region != "local" {
            return .json([FlyMachine]())
        }
        return await Respond.with { () throws(ControlError) in
            let status = try await services.runtime.status(app: app)
            let records = Self.records(services, app: app)
            return status.machines.map { FlyMachine(app: app, status: $0, record: records[$0.id]) }
        }
    }

    static func records(_ services: APIServices, app: String) -> [String: MachineRecord] {
        guard let store = services.store, let records = try? store.machines(app: app) else { return [:] }
        return Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func machine(_ services: APIServices, app: String, id: String, events limit: Int = 0) async throws(ControlError)
        -> FlyMachine
    {
        let status = try await services.runtime.status(app: app)
        guard let machine = status.machines.first(where: { $0.id == id }) else {
            throw ControlError(.notFound, "machine \(id) not found in app \(app)")
        }
        var events: [FlyMachineEvent] = []
        if limit > 0 {
            events = try await services.runtime.events(app: app, machine: id, limit: limit).enumerated().map {
                FlyMachineEvent($0.element, index: $0.offset)
            }
        }
        let record = try? services.store?.machine(id: id)
        return FlyMachine(app: app, status: machine, record: record ?? nil, events: events)
    }

    /// Creates one more machine of a group (`config.metadata.fly_process_group`, default the app's
    /// first group): the group's count goes up by one and the new machine runs the group's plan.
    static func create(_ services: APIServices, _ context: RouteContext) async -> HTTPResponse {
        let body: FlyMachineRequest
        switch Respond.decode(FlyMachineRequest.self, context, what: "machine request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        let app = context.parameter("app")
        let runtime = services.runtime
        return await Respond.with { () throws(ControlError) in
            let before = try await runtime.status(app: app).machines
            let group = body.config?.metadata?["fly_process_group"] ?? before.first?.group ?? "app"
            if let error = RequestRules.group(group) { throw error.controlError }
            let count = before.filter { $0.group == group && $0.state != "destroyed" }.count
            let after = try await runtime.scale(app: app, counts: [group: count + 1]).machines
            let known = Set(before.map(\.id))
            guard let created = after.first(where: { !known.contains($0.id) && $0.group == group }) else {
                throw ControlError(.conflict, "no machine was created for group \(group)")
            }
            return try await machine(services, app: app, id: created.id)
        }
    }

    /// Applies `config.size` and `config.guest.memory_mb` to the machine's process group (as
    /// `hangar scale vm|memory` does); other fields come from fly.toml and are left as they are.
    static func update(_ services: APIServices, _ context: RouteContext) async -> HTTPResponse {
        let body: FlyMachineRequest
        switch Respond.decode(FlyMachineRequest.self, context, what: "machine request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        let app = context.parameter("app")
        let id = context.parameter("id")
        let current: FlyMachine
        do throws(ControlError) {
            current = try await machine(services, app: app, id: id)
        } catch {
            return .error(APIError(error))
        }
        let group = current.machineStatus.group
        let preset = body.config?.size.flatMap { $0.isEmpty ? nil : $0 }
        var memory = body.config?.guest?.memoryMB
        if memory == current.config.guest?.memoryMB, preset == nil { memory = nil }
        if preset != nil || memory != nil {
            if let error = await GuestScaling.apply(services, app: app, groups: [group], preset: preset, memoryMB: memory)
            {
                return .error(error)
            }
        }
        return await Respond.with { () throws(ControlError) in
            let status = try await services.runtime.status(app: app)
            // Replacing a machine keeps its id in Hangar; fall back to any machine of the group.
            let target = status.machines.first { $0.id == id } ?? status.machines.first { $0.group == group }
            guard let target else { throw ControlError(.notFound, "machine \(id) not found in app \(app)") }
            return try await machine(services, app: app, id: target.id)
        }
    }

    static func action(_ runtime: any RuntimeControl, _ context: RouteContext, _ action: MachineAction) async
        -> HTTPResponse
    {
        if action == .stop, !context.request.body.isEmpty {
            if case .failure(let error) = Respond.decode(FlyStopRequest.self, context, what: "stop request") {
                return .error(error)
            }
        }
        return await Respond.with { () throws(ControlError) in
            _ = try await runtime.machineAction(
                app: context.parameter("app"), machine: context.parameter("id"), action: action)
            return FlyOK()
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
                .enumerated().map { FlyMachineEvent($0.element, index: $0.offset) }
        }
    }
}
