import Foundation
import HangarCore
import HangarStore

/// The supervisor's side of the edge contract: it publishes `RoutingTable`s (built from the store's
/// machine states and the running machines' checks) and takes `Demand` from the proxy.
extension Supervisor: DemandSink {
    /// Every app's services and targets as they stand now.
    public func routingTable() -> RoutingTable {
        let names = (try? store.apps().map(\.name)) ?? []
        return RoutingTable(apps: names.map(appRoutes))
    }

    /// A stream of routing tables: the current one first, then one after every change. Only the
    /// newest matters, so a slow reader skips to it.
    public func routingUpdates() -> AsyncStream<RoutingTable> {
        let (stream, continuation) = AsyncStream<RoutingTable>.makeStream(bufferingPolicy: .bufferingNewest(1))
        continuation.yield(routingTable())
        let id = nextSubscriberID()
        routingSubscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeRoutingSubscriber(id) }
        }
        return stream
    }

    private func removeRoutingSubscriber(_ id: Int) {
        routingSubscribers[id] = nil
    }

    /// Sends the current table to routing subscribers (called from `publish`).
    func publishRoutes() {
        guard !routingSubscribers.isEmpty, !detached else { return }
        let table = routingTable()
        for continuation in routingSubscribers.values { continuation.yield(table) }
    }

    /// One app's routes: for each group's services, every machine of the group with its state.
    func appRoutes(_ app: String) -> AppRoutes {
        let records = ((try? store.machines(app: app)) ?? []).sorted { $0.id < $1.id }
        var services: [ServiceRoutes] = []
        var seen: Set<String> = []
        for record in records where !seen.contains(record.group) && record.state != .destroyed {
            seen.insert(record.group)
            let members = records.filter { $0.group == record.group && $0.state != .destroyed }
            // The newest spec of the group decides its services (a deploy replaces them all).
            let spec = members.max { $0.updatedAt < $1.updatedAt }?.spec ?? record.spec
            for service in spec.services {
                let targets = members.map { target($0, service: service) }
                services.append(ServiceRoutes(group: record.group, service: service, targets: targets))
            }
        }
        return AppRoutes(app: app, services: services)
    }

    /// How one machine stands for one of its services.
    func target(_ record: MachineRecord, service: ServiceSpec) -> Target {
        let entry = machines[record.id]
        let running = entry?.isRunning == true
        let shared = mode(of: record) == .shared
        let port = shared && service.internalPort == MachineCheckPlan.mappedPort(record.spec)
            ? (entry?.port ?? service.internalPort) : service.internalPort
        let host = shared ? "127.0.0.1" : (record.privateAddress ?? "127.0.0.1")
        return Target(
            machineID: record.id, group: record.group, version: record.version, host: host, port: port,
            state: targetState(record, entry: entry, running: running, service: service))
    }

    private func targetState(
        _ record: MachineRecord, entry: SupervisedMachine?, running: Bool, service: ServiceSpec
    ) -> TargetState {
        if entry?.draining == true || entry?.cordoned == true { return .draining }
        switch record.state {
        case .started:
            guard running, let entry else { return .starting }
            if entry.suspended { return .suspended }
            let names = Set(service.checks.map(\.name))
            let own = entry.checkStates.filter { names.contains($0.name) }
            if own.count < names.count { return .starting }
            return own.allSatisfy { $0.status == .passing } ? .ready : .unhealthy
        case .created, .creating, .starting, .restarting, .updating, .replacing:
            return .starting
        case .stopping, .suspending:
            return .draining
        case .stopped:
            return .stopped
        case .suspended:
            return .suspended
        case .replaced, .failed, .launchFailed, .destroying, .destroyed:
            return .unavailable
        }
    }

    // MARK: - Demand

    /// Keeps the proxy's latest load per app (drains wait on it) and feeds the autostop pass, which
    /// judges each machine by its peak load since the previous pass. `wake` is in
    /// Supervisor+Autostart.swift.
    public func report(_ load: LoadReport) async {
        loads[load.app] = load
        idle.observe(load)
        ensureAutostopLoop()
        let waiting = drainWaiters
        drainWaiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }

    /// In-flight work on a machine, as the proxy last reported it (0 when it never did).
    func inFlight(_ machine: String, app: String) -> Int {
        loads[app]?.inFlight[machine] ?? 0
    }

    // MARK: - Draining

    /// Takes the machine out of routing (its targets turn `draining`) and waits until the proxy
    /// reports no work in flight on it, or `timeout` passes. The caller then stops or replaces it.
    func drain(_ id: String, app: String, timeout: Duration) async {
        guard machines[id] != nil else { return }
        machines[id]?.draining = true
        publish(app)
        let deadline = ContinuousClock.now + timeout
        while inFlight(id, app: app) > 0, ContinuousClock.now < deadline, !detached {
            await waitForLoadReport(until: deadline)
        }
    }

    /// Puts a machine back into routing (a drain that did not end in a stop).
    func undrain(_ id: String, app: String) {
        guard machines[id]?.draining == true else { return }
        machines[id]?.draining = false
        publish(app)
    }

    /// Waits for the next load report, or at most 100 ms, or the deadline.
    private func waitForLoadReport(until deadline: ContinuousClock.Instant) async {
        let slice = min(deadline - ContinuousClock.now, .milliseconds(100))
        guard slice > .zero else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            drainWaiters.append(continuation)
            Task { [weak self] in
                try? await Task.sleep(for: slice)
                await self?.releaseDrainWaiters()
            }
        }
    }

    private func releaseDrainWaiters() {
        let waiting = drainWaiters
        drainWaiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }
}
