import Foundation

/// An API token as the store keeps it: never the token itself, only its SHA-256.
public struct APIToken: Sendable, Equatable, Codable {
    /// `tok_` and 16 letters or digits: names the token in `tokens list` and `tokens revoke`.
    public var id: String
    public var name: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: String, name: String, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}

/// A token just made: the secret is shown once and never stored.
public struct NewAPIToken: Sendable, Equatable {
    public var token: APIToken
    /// `hgr_` and 43 base64url characters (256 random bits).
    public var secret: String
}
