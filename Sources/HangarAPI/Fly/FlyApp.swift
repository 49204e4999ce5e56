import HangarRuntime

/// Fly's `App` (`GET /v1/apps/{app}`). Hangar has one organization, `personal`.
public struct FlyApp: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var organization: FlyOrganization
    public var status: String

    public init(name: String, machines: [MachineStatus]) {
        id = name
        self.name = name
        organization = FlyOrganization()
        status = machines.contains { $0.state == "started" } ? "deployed" : (machines.isEmpty ? "pending" : "suspended")
    }
}

/// Fly's `Organization`.
public struct FlyOrganization: Sendable, Codable, Equatable {
    public var name = "personal"
    public var slug = "personal"
}

/// Fly's `ListApp`.
public struct FlyListApp: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var machineCount: Int
    public var network: [String: String]

    enum CodingKeys: String, CodingKey {
        case id, name, network
        case machineCount = "machine_count"
    }

    public init(_ app: AppSummary) {
        id = app.name
        name = app.name
        machineCount = app.machines
        network = [:]
    }
}

/// Fly's `ListAppsResponse` (`GET /v1/apps`).
public struct FlyListAppsResponse: Sendable, Codable, Equatable {
    public var apps: [FlyListApp]
    public var totalApps: Int

    enum CodingKeys: String, CodingKey {
        case apps
        case totalApps = "total_apps"
    }
}

/// Fly's `CreateAppRequest` (`POST /v1/apps`): Hangar registers the name; `hangar up` gives it a config.
public struct FlyCreateAppRequest: Sendable, Codable, Equatable {
    public var appName: String
    public var orgSlug: String?
    public var network: String?

    enum CodingKeys: String, CodingKey {
        case appName = "app_name"
        case orgSlug = "org_slug"
        case network
    }
}
