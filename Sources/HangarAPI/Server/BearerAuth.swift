import HangarStore

/// The TCP listener's gate: every request needs `Authorization: Bearer <token>` naming a live token
/// (checked against the SHA-256 the store keeps). Anything else is 401 with `WWW-Authenticate`.
public struct BearerAuth: Sendable {
    let verify: @Sendable (String) -> Bool

    public init(verify: @escaping @Sendable (String) -> Bool) {
        self.verify = verify
    }

    public init(store: HangarStore) {
        verify = { secret in ((try? store.verifyToken(secret)) ?? nil) != nil }
    }

    /// Nil when the request may go on, else the 401 to answer.
    func check(_ request: HTTPRequest) -> HTTPResponse? {
        guard let header = request.headers["Authorization"] else {
            return Self.refuse("missing Authorization header: send `Authorization: Bearer <token>` (make one with `hangar tokens create`)")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return Self.refuse("malformed Authorization header: expected `Bearer <token>`")
        }
        guard verify(String(parts[1]).trimmingSpaces) else {
            return Self.refuse("invalid or revoked token")
        }
        return nil
    }

    static func refuse(_ message: String) -> HTTPResponse {
        var response = HTTPResponse.error(APIError(status: 401, kind: "unauthorized", message: message))
        response.headers.add("WWW-Authenticate", "Bearer realm=\"hangar\"")
        return response
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
