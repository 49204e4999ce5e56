import Foundation
import HangarAPI
import HangarCore
import HangarRuntime
import HangarStore

/// What the daemon runs: the runtime behind the API, how it re-adopts machines at start, and how
/// it lets go of them at a graceful stop (machines keep running: the daemon is the host agent, and
/// the next daemon re-adopts them).
struct DaemonRuntime: Sendable {
    let control: any RuntimeControl
    let recover: @Sendable () async throws -> Void
    let shutdown: @Sendable () async -> Void
    /// The edge's side: the routing tables as they change, and where demand goes.
    let routingUpdates: @Sendable () async -> AsyncStream<RoutingTable>
    let demand: any DemandSink
}

/// The one place that chooses the daemon's runtime: the `Supervisor`, which re-adopts the machines
/// that outlived the previous daemon (`recover()`) and, at a graceful stop, detaches from them
/// without stopping them.
enum RuntimeFactory {
    static func make(store: HangarStore, log: DaemonLog) async throws -> DaemonRuntime {
        var options = SupervisorOptions()
        // `HANGAR_VOLUME_BACKING=directory` keeps new volumes as plain directories (no loop mounts).
        if ProcessInfo.processInfo.environment["HANGAR_VOLUME_BACKING"] == "directory" { options.volumeBacking = .directory }
        let supervisor = Supervisor(store: store, options: options)
        return DaemonRuntime(
            control: supervisor,
            recover: {
                let recovery = await supervisor.recover()
                log.write(
                    "recovered machines: \(recovery.adopted.count) re-adopted, \(recovery.restarted.count) restarted, "
                        + "\(recovery.stopped.count) left stopped")
            },
            shutdown: { await supervisor.detach() },
            routingUpdates: { await supervisor.routingUpdates() },
            demand: supervisor)
    }
}
