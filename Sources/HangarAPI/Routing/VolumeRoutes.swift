import HangarRuntime

/// Volumes of an app: list and create.
enum VolumeRoutes {
    static func routes(_ runtime: any RuntimeControl) -> [Route] {
        [
            Route("GET", "/v1/apps/{app}/volumes") { context in
                await Respond.with { () throws(ControlError) in try await runtime.volumes(app: context.parameter("app")) }
            },
            Route("POST", "/v1/apps/{app}/volumes") { context in await create(runtime, context) },
        ]
    }

    static func create(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let body: VolumeCreateRequest
        switch Respond.decode(VolumeCreateRequest.self, context, what: "volume request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        let size = body.sizeGB ?? 1
        if let error = RequestRules.volumeName(body.name) ?? RequestRules.volumeSize(size) { return .error(error) }
        return await Respond.with(status: 201) { () throws(ControlError) in
            try await runtime.createVolume(app: context.parameter("app"), name: body.name, sizeGB: size)
        }
    }
}
