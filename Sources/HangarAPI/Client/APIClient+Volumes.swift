import HangarRuntime

/// Typed calls for the volume operations, for the CLI: Fly's shapes back to the runtime's values.
extension APIClient {
    public func extendVolume(app: String, volume: String, sizeGB: Int) async throws(APIClientError) -> VolumeSummary {
        let response: FlyExtendVolumeResponse = try await call(
            "PUT", APIPaths.app(app, "volumes", PercentEncoding.encode(volume), "extend"),
            body: VolumeExtendRequest(sizeGB: sizeGB), timeout: .seconds(600))
        return response.volume.summary
    }

    public func destroyVolume(app: String, volume: String) async throws(APIClientError) -> VolumeSummary {
        let destroyed: FlyVolume = try await call(
            "DELETE", APIPaths.app(app, "volumes", PercentEncoding.encode(volume)), timeout: .seconds(600))
        return destroyed.summary
    }

    public func createSnapshot(app: String, volume: String) async throws(APIClientError) -> SnapshotSummary {
        let snapshot: FlyVolumeSnapshot = try await call(
            "POST", APIPaths.app(app, "volumes", PercentEncoding.encode(volume), "snapshots"), timeout: .seconds(3600))
        return snapshot.summary(volume: volume)
    }

    public func snapshots(app: String, volume: String) async throws(APIClientError) -> [SnapshotSummary] {
        let snapshots: [FlyVolumeSnapshot] = try await call(
            "GET", APIPaths.app(app, "volumes", PercentEncoding.encode(volume), "snapshots"))
        return snapshots.map { $0.summary(volume: volume) }
    }

    public func forkVolume(app: String, volume: String, name: String?) async throws(APIClientError) -> VolumeSummary {
        let forked: FlyVolume = try await call(
            "POST", APIPaths.app(app, "volumes", PercentEncoding.encode(volume), "fork"), body: VolumeForkRequest(name: name),
            timeout: .seconds(3600))
        return forked.summary
    }
}
