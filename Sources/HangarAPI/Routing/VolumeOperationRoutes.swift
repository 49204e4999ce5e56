import HangarRuntime
import HangarStore

/// Operations on one volume in Fly's shapes: destroy (`Volume`), extend (`ExtendVolumeResponse`),
/// snapshots (`VolumeSnapshot`), and Hangar's fork (`Volume`). The volume id is checked by the router.
enum VolumeOperationRoutes {
    static func routes(_ runtime: any RuntimeControl) -> [Route] {
        [
            Route("DELETE", "/v1/apps/{app}/volumes/{volume}") { context in
                await withVolume(context) { app, volume throws(ControlError) in
                    FlyVolume(try await runtime.destroyVolume(app: app, volume: volume))
                }
            },
            Route("PUT", "/v1/apps/{app}/volumes/{volume}/extend") { context in await extend(runtime, context) },
            Route("GET", "/v1/apps/{app}/volumes/{volume}/snapshots") { context in
                await withVolume(context) { app, volume throws(ControlError) in
                    try await runtime.snapshots(app: app, volume: volume).map(FlyVolumeSnapshot.init)
                }
            },
            Route("POST", "/v1/apps/{app}/volumes/{volume}/snapshots") { context in
                await withVolume(context) { app, volume throws(ControlError) in
                    FlyVolumeSnapshot(try await runtime.createSnapshot(app: app, volume: volume))
                }
            },
            Route("POST", "/v1/apps/{app}/volumes/{volume}/fork") { context in await fork(runtime, context) },
        ]
    }

    /// 400 for a malformed volume id, else the handler's value (or error).
    static func withVolume<T: Encodable>(
        _ context: RouteContext, status: Int = 200, _ body: (String, String) async throws(ControlError) -> T
    ) async -> HTTPResponse {
        let volume = context.parameter("volume")
        if let error = volumeID(volume) { return .error(error) }
        return await Respond.with(status: status) { () throws(ControlError) in
            try await body(context.parameter("app"), volume)
        }
    }

    static func volumeID(_ id: String) -> APIError? {
        do throws(StoreError) {
            try NameRules.validateVolumeID(id)
            return nil
        } catch {
            return .badRequest(error.message)
        }
    }

    static func extend(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let body: VolumeExtendRequest
        switch Respond.decode(VolumeExtendRequest.self, context, what: "extend request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        if let error = RequestRules.volumeSize(body.sizeGB) { return .error(error) }
        return await withVolume(context) { app, volume throws(ControlError) in
            FlyExtendVolumeResponse(
                volume: FlyVolume(try await runtime.extendVolume(app: app, volume: volume, sizeGB: body.sizeGB)),
                needsRestart: false)
        }
    }

    static func fork(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        var body = VolumeForkRequest()
        if !context.request.body.isEmpty {
            switch Respond.decode(VolumeForkRequest.self, context, what: "fork request") {
            case .success(let value): body = value
            case .failure(let error): return .error(error)
            }
        }
        if let name = body.name, let error = RequestRules.volumeName(name) { return .error(error) }
        return await withVolume(context, status: 201) { app, volume throws(ControlError) in
            FlyVolume(try await runtime.forkVolume(app: app, volume: volume, name: body.name))
        }
    }
}

/// `PUT /v1/apps/{app}/volumes/{volume}/extend`: `{"size_gb": 3}` (Fly's field name).
public struct VolumeExtendRequest: Sendable, Codable, Equatable {
    public var sizeGB: Int

    public init(sizeGB: Int) {
        self.sizeGB = sizeGB
    }

    enum CodingKeys: String, CodingKey {
        case sizeGB = "size_gb"
    }
}

/// `POST /v1/apps/{app}/volumes/{volume}/fork`: `{"name": "data"}` (optional; the source's name by default).
public struct VolumeForkRequest: Sendable, Codable, Equatable {
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }
}

/// Fly's `VolumeSnapshot`: `size` in bytes (what the copy takes on disk), `digest` empty.
public struct FlyVolumeSnapshot: Sendable, Codable, Equatable {
    public var id: String
    public var status: String
    public var size: Int64
    public var digest: String
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, status, size, digest
        case createdAt = "created_at"
        case sizeGB = "hangar_size_gb"
    }

    /// The volume's size when the snapshot was taken (Hangar's addition).
    public var sizeGB: Int?

    public init(_ snapshot: SnapshotSummary) {
        id = snapshot.id
        status = snapshot.status
        size = snapshot.storedBytes
        digest = ""
        createdAt = snapshot.createdAt
        sizeGB = snapshot.sizeGB
    }

    public func summary(volume: String) -> SnapshotSummary {
        SnapshotSummary(
            id: id, volume: volume, status: status, sizeGB: sizeGB ?? 0, storedBytes: size, createdAt: createdAt)
    }
}
