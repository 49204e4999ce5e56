import HangarStore

/// API tokens, on the unix socket only: `GET/POST /v1/hangar/tokens`, `DELETE /v1/hangar/tokens/{token}`
/// (by id or name). A new token's secret is in the creation answer and nowhere else.
enum TokenRoutes {
    static func routes(_ services: APIServices) -> [Route] {
        [
            Route("GET", "/v1/hangar/tokens") { _ in
                respond(services.storeCall { store throws(StoreError) in try store.tokens().map(TokenSummary.init) })
            },
            Route("POST", "/v1/hangar/tokens") { context in
                var name: String?
                if !context.request.body.isEmpty {
                    switch Respond.decode(TokenCreateRequest.self, context, what: "token request") {
                    case .success(let body): name = body.name
                    case .failure(let error): return .error(error)
                    }
                }
                return respond(
                    services.storeCall { store throws(StoreError) in
                        let made = try store.createToken(name: name)
                        return TokenCreated(token: TokenSummary(made.token), secret: made.secret)
                    }, status: 201)
            },
            Route("DELETE", "/v1/hangar/tokens/{token}") { context in
                respond(
                    services.storeCall { store throws(StoreError) in
                        TokenSummary(try store.revokeToken(context.parameter("token")))
                    })
            },
        ]
    }

    static func respond<T: Encodable>(_ result: Result<T, APIError>, status: Int = 200) -> HTTPResponse {
        switch result {
        case .success(let value): .json(value, status: status)
        case .failure(let error): .error(error)
        }
    }
}

/// A token as `hangar tokens list` shows it.
public struct TokenSummary: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var createdAt: String
    public var lastUsedAt: String?
    public var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
    }

    public init(_ token: APIToken) {
        id = token.id
        name = token.name
        createdAt = token.createdAt.ISO8601Format()
        lastUsedAt = token.lastUsedAt?.ISO8601Format()
        revokedAt = token.revokedAt?.ISO8601Format()
    }
}

/// `POST /v1/hangar/tokens`: `{"name": "ci"}` (optional).
public struct TokenCreateRequest: Sendable, Codable, Equatable {
    public var name: String?

    public init(name: String?) { self.name = name }
}

/// The answer to a token creation: the only time the secret is shown.
public struct TokenCreated: Sendable, Codable, Equatable {
    public var token: TokenSummary
    public var secret: String
}
