import HangarRuntime

/// Secrets of an app: list (names, digests, status), set/unset (rolling the machines unless
/// `?stage=true`), and `POST /v1/hangar/apps/{app}/secrets/deploy` for staged ones. Values travel in
/// request bodies only: never logged, never sent back.
enum SecretRoutes {
    static func routes(_ runtime: any RuntimeControl) -> [Route] {
        [
            Route("GET", "/v1/apps/{app}/secrets") { context in
                await Respond.with { () throws(ControlError) in
                    FlyAppSecrets(secrets: try await runtime.stagedSecrets(app: context.parameter("app")).map(FlyAppSecret.init))
                }
            },
            Route("POST", "/v1/apps/{app}/secrets") { context in await set(runtime, context) },
            Route("DELETE", "/v1/apps/{app}/secrets") { context in
                switch Respond.decode(FlySecretsDeleteRequest.self, context, what: "secrets request") {
                case .success(let body): await update(runtime, context, set: [:], unset: body.names)
                case .failure(let error): .error(error)
                }
            },
            Route("DELETE", "/v1/apps/{app}/secrets/{name}") { context in
                await update(runtime, context, set: [:], unset: [context.parameter("name")])
            },
            Route("POST", "/v1/hangar/apps/{app}/secrets/deploy") { context in
                await Respond.with { () throws(ControlError) in
                    FlySecretsUpdateResponse(try await runtime.deploySecrets(app: context.parameter("app")))
                }
            },
        ]
    }

    static func set(_ runtime: any RuntimeControl, _ context: RouteContext) async -> HTTPResponse {
        let body: FlySecretsUpdateRequest
        switch Respond.decode(FlySecretsUpdateRequest.self, context, what: "secrets request") {
        case .success(let value): body = value
        case .failure(let error): return .error(error)
        }
        var values: [String: String] = [:]
        var unset: [String] = []
        for (name, value) in body.values {
            if let value { values[name] = value } else { unset.append(name) }
        }
        return await update(runtime, context, set: values, unset: unset)
    }

    static func update(_ runtime: any RuntimeControl, _ context: RouteContext, set values: [String: String], unset: [String])
        async -> HTTPResponse
    {
        if values.isEmpty, unset.isEmpty {
            return .error(.badRequest("no secrets given: send {\"values\": {\"NAME\": \"value\"}}"))
        }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            if let error = RequestRules.secretName(name) ?? RequestRules.secretValue(value, name: name) {
                return .error(error)
            }
        }
        for name in unset {
            if let error = RequestRules.secretName(name) { return .error(error) }
        }
        let stage: Bool
        switch RequestRules.flag(context.query, "stage") {
        case .success(let value): stage = value
        case .failure(let error): return .error(error)
        }
        return await Respond.with { () throws(ControlError) in
            FlySecretsUpdateResponse(
                try await runtime.updateSecrets(app: context.parameter("app"), set: values, unset: unset, stage: stage))
        }
    }
}
