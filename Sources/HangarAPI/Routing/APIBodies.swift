/// The JSON bodies of requests that are not `RuntimeControl` value types.

/// `POST /v1/apps/{app}/scale`: `{"counts": {"web": 3, "worker": 1}}`.
public struct ScaleRequest: Sendable, Codable, Equatable {
    public var counts: [String: Int]

    public init(counts: [String: Int]) {
        self.counts = counts
    }
}

/// `POST /v1/apps/{app}/secrets`: `{"values": {"NAME": "value"}}`. Values are never logged or echoed.
public struct SecretsSetRequest: Sendable, Codable, Equatable {
    public var values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }
}

/// `DELETE /v1/apps/{app}/secrets`: `{"names": ["NAME"]}`.
public struct SecretsUnsetRequest: Sendable, Codable, Equatable {
    public var names: [String]

    public init(names: [String]) {
        self.names = names
    }
}

/// `POST /v1/apps/{app}/volumes`: `{"name": "data", "size_gb": 1}` (Fly's field names).
public struct VolumeCreateRequest: Sendable, Codable, Equatable {
    public var name: String
    public var sizeGB: Int?

    public init(name: String, sizeGB: Int? = nil) {
        self.name = name
        self.sizeGB = sizeGB
    }

    enum CodingKeys: String, CodingKey {
        case name
        case sizeGB = "size_gb"
    }
}

/// `GET /v1/hangar/daemon`: who answers on the socket.
public struct DaemonInfo: Sendable, Codable, Equatable {
    public var pid: Int32
    public var version: String
    public var home: String
    public var startedAt: String

    public init(pid: Int32, version: String, home: String, startedAt: String) {
        self.pid = pid
        self.version = version
        self.home = home
        self.startedAt = startedAt
    }
}
