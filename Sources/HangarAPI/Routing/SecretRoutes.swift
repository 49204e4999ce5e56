import HangarRuntime

/// Secrets of an app: list (names and digests), set, unset. Values travel in request bodies only:
/// they are never logged and never sent back.
enum SecretRoutes {
    static func routes(_ runtime: any RuntimeControl) -> [Route] {
        [
            Route("GET", "/v1/apps/{app}/secrets") { context in
                await Respond.with { () throws(ControlError) in try await runtime.secrets(app: context.parameter("app")) }
            },
            Route("POST", "/v1/apps/{app}/secrets") { context in await set(runtime, context) },
            Route("DELETE", "/v1/apps/{app}/secrets") { context in
                switch Respond.decode(SecretsUnsetRequest.self, context, what: "secrets request") {
                case .success(let body): await unset(runtime, app: context.parameter("app"), names: body.names)
                case .failure(let error): .error(error)
                }
            },
            Route("DELETE", "/v1/apps/{app}/secrets/{name}") { context in
                await unset(runtime, app: context.parameter("app"), names: [context.parameter("name")])
            },
        ]
    }

    static func set(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let body: SecretsSetRequest
        switch Respond.decode(SecretsSetRequest.self, context, what: "secrets request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        if body.values.isEmpty { return .error(.badRequest("no secrets given: send {\"values\": {\"NAME\": \"value\"}}")) }
        for (name, value) in body.values.sorted(by: { $0.key < $1.key }) {
            if let error = RequestRules.secretName(name) ?? RequestRules.secretValue(value, name: name) {
                return .error(error)
            }
        }
        return await Respond.with { () throws(ControlError) in
            try await runtime.setSecrets(app: context.parameter("app"), values: body.values)
        }
    }

    static func unset(_ runtime: any RuntimeControl, app: String, names: [String]) async -> HTTPResponse {
        if names.isEmpty { return .error(.badRequest("no secret names given: send {\"names\": [\"NAME\"]}")) }
        for name in names {
            if let error = RequestRules.secretName(name) { return .error(error) }
        }
        return await Respond.with { () throws(ControlError) in try await runtime.unsetSecrets(app: app, names: names) }
    }
}
