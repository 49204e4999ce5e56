import Foundation
import HangarCore
import HangarStore

/// A start (or thaw) under way for a service, and how many wakes wait on it.
struct WakeSlot: Sendable {
    var token: Int
    var task: Task<Bool, Never>
    var waiters: Int
}

extension Supervisor {
    /// Autostart: the proxy has no ready target with room for the service. Starts a stopped machine
    /// of it, or thaws a suspended one (preferred: it is faster), or calls off an autostop that has
    /// not begun, then waits until the machine's service checks pass and a routing table with it
    /// `ready` has been published. False when autostart is off for the service, nothing can be
    /// woken, or the machine is not ready within `options.wakeTimeout`.
    ///
    /// Concurrent wakes share starts: a wake joins the start under way with the fewest waiters as
    /// long as that start has fewer waiters than the service's soft limit (each new machine is
    /// expected to take a soft limit's worth of work); past that, demand has outgrown it and the
    /// wake starts another machine.
    public func wake(_ request: WakeRequest) async -> Bool {
        guard !detached, let routes = serviceRoutes(request), routes.service.autoStart else { return false }
        ensureAutostopLoop()
        let perStart = max(routes.service.concurrency.softLimit, 1)
        if var slots = wakes[request],
            let index = slots.indices.min(by: { slots[$0].waiters < slots[$1].waiters }),
            slots[index].waiters < perStart
        {
            slots[index].waiters += 1
            wakes[request] = slots
            return await slots[index].task.value
        }
        nextWakeToken += 1
        let token = nextWakeToken
        let task = Task { await self.wakeOne(request) }
        wakes[request, default: []].append(WakeSlot(token: token, task: task, waiters: 1))
        let woke = await task.value
        wakes[request]?.removeAll { $0.token == token }
        if wakes[request]?.isEmpty == true { wakes[request] = nil }
        return woke
    }

    /// The routes of the service a wake names.
    func serviceRoutes(_ request: WakeRequest) -> ServiceRoutes? {
        appRoutes(request.app).services.first {
            $0.group == request.group && $0.service.internalPort == request.internalPort
        }
    }

    /// Brings one machine of the service up and waits for it to be ready.
    func wakeOne(_ request: WakeRequest) async -> Bool {
        let began = ContinuousClock.now
        let deadline = began + options.wakeTimeout
        guard let routes = serviceRoutes(request) else { return false }
        let free = routes.targets.filter { !wakeClaims.contains($0.machineID) }

        // An autostop still draining its machine: keep the machine instead.
        if let kept = free.first(where: { machines[$0.machineID]?.autostopping == true }) {
            machines[kept.machineID]?.autostopping = false
            undrain(kept.machineID, app: request.app)
            runnerLog(kept.machineID, "Autostop called off: the proxy needs this machine")
            return await awaitWakeReady(kept.machineID, service: routes.service, deadline: deadline)
        }
        let suspended = free.first { $0.state == .suspended && machines[$0.machineID]?.suspended == true }
        guard let id = suspended?.machineID ?? free.first(where: { $0.state == .stopped })?.machineID else {
            // Nothing to wake; a machine already on its way up will do.
            if let coming = routes.targets.first(where: { $0.state == .starting && machines[$0.machineID]?.wanted == true }) {
                return await awaitWakeReady(coming.machineID, service: routes.service, deadline: deadline)
            }
            return false
        }
        wakeClaims.insert(id)
        defer { wakeClaims.remove(id) }
        let failure: ControlError?
        if suspended != nil {
            failure = await serially(id) { supervisor in
                await supervisor.performResume(id, source: .proxy, reason: "resumed by the proxy")
            }
        } else {
            failure = await startMachine(id, source: .proxy, fresh: true, reason: "started by the proxy")
        }
        if let failure {
            runnerLog(id, "Could not wake the machine: \(failure.message)", level: .error)
            return false
        }
        machines[id]?.autostopped = false
        let ready = await awaitWakeReady(id, service: routes.service, deadline: deadline)
        // The proxy gets a whole pass to route to it before autostop may judge it idle.
        machines[id]?.awakeSince = .now
        if ready {
            runnerLog(id, "Machine became reachable in \(began.duration(to: .now).formatted)")
        } else {
            runnerLog(id, "Machine did not become reachable within \(options.wakeTimeout.formatted)", level: .warn)
        }
        return ready
    }

    /// Waits until the machine is a `ready` target of the service (a routing table saying so has then
    /// been published: every change that makes it ready publishes one). False when it goes down
    /// instead, or the deadline passes.
    func awaitWakeReady(_ id: String, service: ServiceSpec, deadline: ContinuousClock.Instant) async -> Bool {
        while !detached {
            guard let record = try? store.machine(id: id) else { return false }
            switch target(record, service: service).state {
            case .ready:
                return true
            case .starting, .unhealthy:
                break
            case .stopped:
                // Crashed on the way up: wait only while its restart is pending.
                guard machines[id]?.pendingRestart != nil, machines[id]?.wanted == true else { return false }
            case .draining, .suspended, .unavailable:
                return false
            }
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
