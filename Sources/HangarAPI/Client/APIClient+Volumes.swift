import HangarRuntime

/// Typed calls for the volume operations, for the CLI.
extension APIClient {
    public func extendVolume(app: String, volume: String, sizeGB: Int) async throws(APIClientError) -> VolumeSummary {
        try await call(
            "PUT", APIPaths.app(app, "volumes", PercentEncoding.encode(volume), "extend"),
            body: VolumeExtendRequest(sizeGB: sizeGB), timeout: .seconds(600))
    }

    public func destroyVolume(app: String, volume: String) async throws(APIClientError) -> VolumeSummary {
        try await call("DELETE", APIPaths.app(app, "volumes", PercentEncoding.encode(volume)), timeout: .seconds(600))
    }

    public func createSnapshot(app: String, volume: String) async throws(APIClientError) -> SnapshotSummary {
        try await call(
            "POST", APIPaths.app(app, "volumes", PercentEncoding.encode(volume), "snapshots"), timeout: .seconds(3600))
    }

    public func snapshots(app: String, volume: String) async throws(APIClientError) -> [SnapshotSummary] {
        try await call("GET", APIPaths.app(app, "volumes", PercentEncoding.encode(volume), "snapshots"))
    }

    public func forkVolume(app: String, volume: String, name: String?) async throws(APIClientError) -> VolumeSummary {
        try await call(
            "POST", APIPaths.app(app, "volumes", PercentEncoding.encode(volume), "fork"), body: VolumeForkRequest(name: name),
            timeout: .seconds(3600))
    }
}
