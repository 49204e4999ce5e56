import Foundation
import HangarCore
import HangarStore

/// What one autostop pass did: the machines it stopped or suspended.
struct AutostopPass: Sendable, Equatable {
    var actions: [AutostopAction] = []
}

/// One machine autostop takes down, and how.
struct AutostopAction: Sendable, Equatable {
    var app: String
    var group: String
    var internalPort: Int
    var machine: String
    /// `auto_stop_machines = "suspend"`: freeze rather than stop.
    var suspend: Bool
    /// Running machines of the service before, and the floor it keeps.
    var running: Int
    var minMachinesRunning: Int
}

extension EventSource {
    /// Starts, stops and suspends done on the proxy's behalf (autostart, autostop).
    static let proxy: EventSource = (try? EventSource("proxy")) ?? .hangar
}

extension Supervisor {
    /// Starts the autostop loop once (the first `up`, `recover`, wake or load report): a pass every
    /// `options.autostopInterval` until the supervisor detaches.
    func ensureAutostopLoop() {
        guard autostopLoop == nil, !detached else { return }
        idle = IdleController()
        let interval = options.autostopInterval
        autostopLoop = Task { [weak self] in
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                guard let supervisor = self else { return }
                await supervisor.autostopPass()
            }
        }
    }

    /// One pass over every service with `auto_stop_machines` on: at most one machine per service
    /// is drained, then stopped or suspended (see `AutostopRule`).
    @discardableResult
    func autostopPass() async -> AutostopPass {
        guard !detached else { return AutostopPass() }
        let window = idle.closeWindow(now: .now, current: Array(loads.values))
        var chosen: [AutostopAction] = []
        var taken: Set<String> = []
        for app in (try? store.apps().map(\.name)) ?? [] {
            for routes in appRoutes(app).services where routes.service.autoStop != .off {
                guard let action = autostopDecision(app: app, routes: routes, window: window, taken: taken) else {
                    continue
                }
                taken.insert(action.machine)
                machines[action.machine]?.autostopping = true
                chosen.append(action)
            }
        }
        var done: [AutostopAction] = []
        await withTaskGroup(of: AutostopAction?.self) { group in
            for action in chosen {
                group.addTask { await self.autostop(action) ? action : nil }
            }
            for await action in group {
                if let action { done.append(action) }
            }
        }
        let pass = AutostopPass(actions: done.sorted { $0.machine < $1.machine })
        autostopHistory.append(pass)
        if autostopHistory.count > 100 { autostopHistory.removeFirst(autostopHistory.count - 100) }
        return pass
    }

    /// The machine of one service this pass takes down, if any.
    func autostopDecision(app: String, routes: ServiceRoutes, window: IdleController.Window, taken: Set<String>)
        -> AutostopAction?
    {
        let ids = routes.targets.map(\.machineID)
        // A service whose previous stop is still under way waits for it to finish.
        if ids.contains(where: { taken.contains($0) || machines[$0]?.autostopping == true }) { return nil }
        // A machine a wake is bringing up is running for the request that woke it.
        let waking = Set(ids).intersection(wakeClaims)
        var running: [(machine: AutostopRule.Machine, awake: ContinuousClock.Instant)] = []
        for id in ids {
            guard let entry = machines[id], entry.isRunning, entry.wanted, !entry.suspended, !entry.draining,
                let awake = Self.awakeSince(entry)
            else { continue }
            let machine = AutostopRule.Machine(
                id: id, peakLoad: window.peak(id), observedWholePass: awake <= window.start && !waking.contains(id))
            running.append((machine, awake))
        }
        running.sort { ($0.awake, $0.machine.id) < ($1.awake, $1.machine.id) }
        let service = routes.service
        guard
            let id = AutostopRule.choose(
                running: running.map(\.machine), softLimit: service.concurrency.softLimit,
                minMachinesRunning: service.minMachinesRunning)
        else { return nil }
        return AutostopAction(
            app: app, group: routes.group, internalPort: service.internalPort, machine: id,
            suspend: service.autoStop == .suspend, running: running.count,
            minMachinesRunning: service.minMachinesRunning)
    }

    /// When the machine last came up (start, re-adoption or resume).
    static func awakeSince(_ entry: SupervisedMachine) -> ContinuousClock.Instant? {
        switch (entry.startedAt, entry.awakeSince) {
        case (let started?, let awake?): max(started, awake)
        case (let started?, nil): started
        case (nil, let awake): awake
        }
    }

    /// Drains the machine (no new work; in-flight work finishes, up to its kill_timeout), then stops
    /// or suspends it through the normal paths. A wake that arrives before the stop begins calls it
    /// off. False when nothing was done.
    func autostop(_ action: AutostopAction) async -> Bool {
        let id = action.machine
        guard let record = try? store.machine(id: id) else {
            machines[id]?.autostopping = false
            return false
        }
        await drain(id, app: action.app, timeout: Self.killTimeout(record.spec.stop.timeout))
        // Work the proxy had just sent shows up in its next report: give it one poll to arrive.
        try? await Task.sleep(for: options.pollInterval)
        if inFlight(id, app: action.app) > 0 {
            await drain(id, app: action.app, timeout: Self.killTimeout(record.spec.stop.timeout))
        }
        return await serially(id) { supervisor in await supervisor.finishAutostop(action) }
    }

    private func finishAutostop(_ action: AutostopAction) async -> Bool {
        let id = action.machine
        guard machines[id]?.autostopping == true, machines[id]?.isRunning == true, !detached else {
            machines[id]?.autostopping = false
            return false
        }
        machines[id]?.autostopping = false
        runnerLog(
            id,
            "Downscaling app \(action.app) (group \(action.group), port \(action.internalPort)) from "
                + "\(action.running) to \(action.running - 1) running machines, "
                + "\(action.suspend ? "suspending" : "stopping") machine \(id)")
        var suspended = false
        if action.suspend {
            let failure = await performSuspend(id, source: .proxy, reason: "suspended by the proxy (autostop)")
            suspended = failure == nil
            if let failure { runnerLog(id, "Could not suspend (\(failure.message)); stopping instead", level: .warn) }
        }
        if !suspended {
            if await performStop(id, source: .proxy, note: "stopped by the proxy (autostop)") != nil {
                machines[id]?.draining = false
                publish(action.app)
                return false
            }
        }
        machines[id]?.draining = false
        machines[id]?.autostopped = true
        publish(action.app)
        return true
    }
}
