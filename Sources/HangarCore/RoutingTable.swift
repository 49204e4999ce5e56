/// What the edge may route to, as the runtime sees it now. The runtime publishes a new table after
/// every machine or check change; the proxy reads the newest one and never holds its own copy of
/// machine state.
public struct RoutingTable: Sendable, Equatable, Codable {
    /// Sorted by app name.
    public var apps: [AppRoutes]

    public init(apps: [AppRoutes] = []) {
        self.apps = apps.sorted { $0.app < $1.app }
    }

    public static let empty = RoutingTable()

    public func app(_ name: String) -> AppRoutes? {
        apps.first { $0.app == name }
    }
}

/// One app's services and the machines behind each.
public struct AppRoutes: Sendable, Equatable, Codable {
    public var app: String
    public var services: [ServiceRoutes]

    public init(app: String, services: [ServiceRoutes]) {
        self.app = app
        self.services = services
    }
}

/// One service of one process group (`[http_service]` or a `[[services]]` entry): its ports and
/// handlers, and every machine of the group that has it, whatever its state.
public struct ServiceRoutes: Sendable, Equatable, Codable {
    public var group: String
    public var service: ServiceSpec
    public var targets: [Target]

    public init(group: String, service: ServiceSpec, targets: [Target]) {
        self.group = group
        self.service = service
        self.targets = targets
    }

    /// The machines that may take a new request or connection now.
    public var ready: [Target] { targets.filter { $0.state == .ready } }
}
