import HangarRuntime
import HangarStore

/// Volumes of an app in Fly's shapes: list, create, show, destroy (refused while attached) and extend.
enum FlyVolumeRoutes {
    static func routes(_ services: APIServices) -> [Route] {
        let runtime = services.runtime
        return [
            Route("GET", "/v1/apps/{app}/volumes") { context in
                await Respond.with { () throws(ControlError) in
                    try await runtime.volumes(app: context.parameter("app")).map(FlyVolume.init)
                }
            },
            Route("POST", "/v1/apps/{app}/volumes") { context in await create(runtime, context) },
            Route("GET", "/v1/apps/{app}/volumes/{volume}") { context in
                await Respond.with { () throws(ControlError) in try await find(runtime, context) }
            },
            Route("DELETE", "/v1/apps/{app}/volumes/{volume}") { context in
                await change(services, context) { store, id throws(StoreError) in try store.destroyVolume(id: id) }
            },
            Route("PUT", "/v1/apps/{app}/volumes/{volume}/extend") { context in await extend(services, context) },
        ]
    }

    static func find(_ runtime: any RuntimeControl, _ context: RouteContext) async throws(ControlError) -> FlyVolume {
        let app = context.parameter("app")
        let id = context.parameter("volume")
        guard let volume = try await runtime.volumes(app: app).first(where: { $0.id == id }) else {
            throw ControlError(.notFound, "volume \(id) not found in app \(app)")
        }
        return FlyVolume(volume)
    }

    static func create(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let body: FlyCreateVolumeRequest
        switch Respond.decode(FlyCreateVolumeRequest.self, context, what: "volume request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        let size = body.sizeGB ?? 1
        if let error = RequestRules.volumeName(body.name) ?? RequestRules.volumeSize(size) { return .error(error) }
        return await Respond.with { () throws(ControlError) in
            FlyVolume(try await runtime.createVolume(app: context.parameter("app"), name: body.name, sizeGB: size))
        }
    }

    static func extend(_ services: APIServices, _ context: RouteContext) async -> HTTPResponse {
        let body: FlyExtendVolumeRequest
        switch Respond.decode(FlyExtendVolumeRequest.self, context, what: "extend request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        if let error = RequestRules.volumeSize(body.sizeGB) { return .error(error) }
        var response = await change(services, context) { store, id throws(StoreError) in
            try store.extend(volume: id, toSizeGB: body.sizeGB)
        }
        if response.status == 200, case .bytes(let bytes) = response.body,
            let volume = try? APIJSON.decoder.decode(FlyVolume.self, from: .init(bytes))
        {
            response = .json(FlyExtendVolumeResponse(volume: volume, needsRestart: false))
        }
        return response
    }

    /// Runs a store change on a volume of the app (404 when the volume belongs to another app).
    static func change(
        _ services: APIServices, _ context: RouteContext, _ body: (HangarStore, String) throws(StoreError) -> VolumeRecord
    ) async -> HTTPResponse {
        let app = context.parameter("app")
        let id = context.parameter("volume")
        do throws(ControlError) {
            _ = try await find(services.runtime, context)
        } catch {
            return .error(APIError(error))
        }
        let result = services.storeCall { store throws(StoreError) -> VolumeRecord in
            guard let volume = try store.volume(id: id), volume.app == app else {
                throw StoreError(.notFound, "volume \(id) not found in app \(app)")
            }
            return try body(store, id)
        }
        switch result {
        case .success(let volume):
            return .json(
                FlyVolume(
                    VolumeSummary(
                        id: volume.id, name: volume.name, sizeGB: volume.sizeGB, attachedMachine: volume.attachedMachineID,
                        createdAt: volume.createdAt.ISO8601Format())))
        case .failure(let error): return .error(error)
        }
    }
}

/// Fly's `ExtendVolumeRequest`.
public struct FlyExtendVolumeRequest: Sendable, Codable, Equatable {
    public var sizeGB: Int

    enum CodingKeys: String, CodingKey { case sizeGB = "size_gb" }

    public init(sizeGB: Int) { self.sizeGB = sizeGB }
}

/// Fly's `ExtendVolumeResponse`.
public struct FlyExtendVolumeResponse: Sendable, Codable, Equatable {
    public var volume: FlyVolume
    public var needsRestart: Bool

    enum CodingKeys: String, CodingKey {
        case volume
        case needsRestart = "needs_restart"
    }
}
