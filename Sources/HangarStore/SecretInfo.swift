import Foundation

/// What may be shown about a secret: never its value.
public struct SecretInfo: Sendable, Equatable, Codable {
    public var name: String
    /// The first 16 hex characters of the SHA-256 of the value: tells values apart without showing them.
    public var digest: String
    public var createdAt: Date
    public var updatedAt: Date
    /// Set with `--stage`: stored, but machines have not been restarted to pick it up.
    public var staged: Bool

    public init(name: String, digest: String, createdAt: Date, updatedAt: Date, staged: Bool) {
        self.name = name
        self.digest = digest
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.staged = staged
    }
}

/// What a `setSecrets` or `unsetSecrets` call did.
public struct SecretsChange: Sendable, Equatable {
    /// Names whose value or staging changed (machines need a restart to see them, unless staged).
    public var changed: [String]
    /// Names set to the value they already had.
    public var unchanged: [String]
    public var removed: [String]
    /// The app's secrets version after the call.
    public var secretsVersion: Int

    public var isEmpty: Bool { changed.isEmpty && removed.isEmpty }
}
