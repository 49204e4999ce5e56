import HangarRuntime
import HangarStore

/// Volumes of an app in Fly's shapes: list, create and show (operations on one volume are in
/// `VolumeOperationRoutes`).
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
