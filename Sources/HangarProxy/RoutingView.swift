import HangarCore
import Synchronization

/// The newest routing table and the port layout made from it, shared by every connection handler.
/// The proxy replaces it as tables arrive; handlers read it per request or connection.
public final class RoutingView: Sendable {
    public struct Snapshot: Sendable {
        public var table: RoutingTable
        public var layout: PortLayout
    }

    private let current: Mutex<Snapshot>
    public let options: ProxyOptions

    public init(options: ProxyOptions, table: RoutingTable = .empty) {
        self.options = options
        current = Mutex(Snapshot(table: table, layout: PortLayout(table: table, options: options)))
    }

    public var snapshot: Snapshot { current.withLock { $0 } }

    @discardableResult
    public func update(_ table: RoutingTable) -> Snapshot {
        let snapshot = Snapshot(table: table, layout: PortLayout(table: table, options: options))
        current.withLock { $0 = snapshot }
        return snapshot
    }

    /// The claims on a local port now.
    public func claims(localPort: Int) -> [PortClaim] {
        current.withLock { $0.layout.bindings[localPort]?.claims ?? [] }
    }

    /// The newest routes of an app's service (matched by group and internal port), or nil when gone.
    public func routes(app: String, group: String, internalPort: Int) -> ServiceRoutes? {
        current.withLock { snapshot in
            snapshot.table.app(app)?.services.first {
                $0.group == group && $0.service.internalPort == internalPort
            }
        }
    }
}
