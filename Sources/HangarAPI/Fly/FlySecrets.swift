import HangarRuntime

/// One secret as the secrets endpoints show it: name, digest and dates, never the value.
public struct FlyAppSecret: Sendable, Codable, Equatable {
    public var name: String
    public var digest: String
    public var createdAt: String
    public var updatedAt: String
    /// `deployed` or `staged` (set with `stage=true`, not yet applied to machines).
    public var status: String

    enum CodingKeys: String, CodingKey {
        case name, digest, status
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(_ secret: SecretSummary) {
        name = secret.name
        digest = secret.digest
        createdAt = secret.createdAt
        updatedAt = secret.updatedAt ?? secret.createdAt
        status = secret.staged == true ? "staged" : "deployed"
    }

    public var summary: SecretSummary {
        SecretSummary(name: name, digest: digest, createdAt: createdAt, updatedAt: updatedAt, staged: status == "staged")
    }
}

/// `GET /v1/apps/{app}/secrets`.
public struct FlyAppSecrets: Sendable, Codable, Equatable {
    public var secrets: [FlyAppSecret]
}

/// `POST /v1/apps/{app}/secrets`: `{"values": {"NAME": "value", "OLD": null}}`; null unsets.
public struct FlySecretsUpdateRequest: Sendable, Codable, Equatable {
    public var values: [String: String?]

    public init(values: [String: String?]) {
        self.values = values
    }
}

/// `DELETE /v1/apps/{app}/secrets`: `{"names": ["NAME"]}`.
public struct FlySecretsDeleteRequest: Sendable, Codable, Equatable {
    public var names: [String]

    public init(names: [String]) {
        self.names = names
    }
}

/// The answer to a change: the secrets now, what changed and the machines restarted to see it.
public struct FlySecretsUpdateResponse: Sendable, Codable, Equatable {
    public var secrets: [FlyAppSecret]
    public var changed: [String]
    public var restartedMachines: [String]

    enum CodingKeys: String, CodingKey {
        case secrets, changed
        case restartedMachines = "restarted_machines"
    }

    public init(_ update: SecretsUpdate) {
        secrets = update.secrets.map(FlyAppSecret.init)
        changed = update.changed
        restartedMachines = update.restarted
    }
}
