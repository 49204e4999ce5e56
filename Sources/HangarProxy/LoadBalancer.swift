import HangarCore
import Synchronization

/// A slot on one target, held while a connection (or request, as the service counts) is in flight.
public struct Lease: Sendable, Hashable {
    public var app: String
    public var target: Target
    /// The service's place in the fly.toml (`http_service`, `services[1]`), for metrics.
    public var service: String = ""
}

/// Fly's balancing over a service's ready targets. Each target is in one of three bands: below its
/// soft limit, between soft and hard, at hard. New work goes to a random target of the best band that
/// is not at hard; when every target is at hard, work queues until a slot frees (bounded), then the
/// caller answers 503. When no target is below soft and the service may autostart, the runtime is asked
/// to wake a stopped machine. In-flight counts per machine are reported to the runtime (coalesced).
public final class LoadBalancer: Sendable {
    /// Client routing headers: `fly-force-instance-id` (that machine or nothing) and
    /// `fly-prefer-instance-id` (that machine when it has room).
    public enum Pin: Sendable, Equatable {
        case force(String)
        case prefer(String)
    }

    public enum Outcome: Sendable, Equatable {
        case lease(Lease)
        /// Every target stayed at its hard limit (or none was ready) until the wait ran out.
        case overloaded
        /// The service is no longer in the routing table.
        case gone
    }

    private struct Waiter {
        var app: String
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var inFlight: [String: [String: Int]] = [:]
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiter: UInt64 = 0
        var generation: UInt64 = 0
        var dirty: Set<String> = []
        var flushScheduled = false
        var waking: Set<WakeRequest> = []
    }

    private let state = Mutex(State())
    private let sink: any DemandSink
    private let reportInterval: Duration
    /// Where per-machine load and queue depth are recorded (none without metrics).
    let metrics: ProxyMetrics?

    public init(sink: any DemandSink, reportInterval: Duration = .milliseconds(100), metrics: ProxyMetrics? = nil) {
        self.sink = sink
        self.reportInterval = reportInterval
        self.metrics = metrics
    }

    // MARK: - Choosing

    /// The band of a target with `load` in flight: 0 below soft, 1 between soft and hard, 2 at hard.
    public static func band(load: Int, concurrency: ConcurrencySpec) -> Int {
        if let hard = concurrency.hardLimit, load >= hard { return 2 }
        return load < concurrency.softLimit ? 0 : 1
    }

    /// A lease now, or nil when no ready target has room. `wantsWake` is true when no target is below
    /// its soft limit (the runtime should start another machine).
    public func tryAcquire(
        app: String, routes: ServiceRoutes, excluding: Set<String> = [], pin: Pin? = nil
    ) -> (lease: Lease?, wantsWake: Bool) {
        let result = state.withLock { state in
            Self.choose(&state, app: app, routes: routes, excluding: excluding, pin: pin)
        }
        if let lease = result.lease {
            recordLoad(lease, inFlight: result.load)
            scheduleReport()
        }
        return (result.lease, result.wantsWake)
    }

    private static func choose(
        _ state: inout State, app: String, routes: ServiceRoutes, excluding: Set<String>, pin: Pin?
    ) -> (lease: Lease?, wantsWake: Bool, load: Int) {
        var candidates = routes.ready.filter { !excluding.contains($0.machineID) }
        if case .force(let id) = pin { candidates = candidates.filter { $0.machineID == id } }
        let loads = state.inFlight[app] ?? [:]
        let concurrency = routes.service.concurrency
        let banded = candidates.map { (target: $0, band: band(load: loads[$0.machineID] ?? 0, concurrency: concurrency)) }
        let wantsWake = !banded.contains { $0.band == 0 }
        var chosen: Target?
        if case .prefer(let id) = pin, let preferred = banded.first(where: { $0.target.machineID == id && $0.band < 2 }) {
            chosen = preferred.target
        } else if let best = banded.map(\.band).filter({ $0 < 2 }).min() {
            chosen = banded.filter { $0.band == best }.randomElement()?.target
        }
        guard let chosen else { return (nil, wantsWake, 0) }
        state.inFlight[app, default: [:]][chosen.machineID, default: 0] += 1
        state.dirty.insert(app)
        let load = state.inFlight[app]?[chosen.machineID] ?? 0
        return (Lease(app: app, target: chosen, service: routes.service.source), wantsWake, load)
    }

    /// A lease, waiting (bounded) when every target is at its hard limit or none is ready. `routes`
    /// reads the newest routing table each time, so a wait sees machines that became ready. A wait
    /// with a wake in progress lasts up to `wakeTimeout`, else up to `queueTimeout`.
    public func acquire(
        app: String, routes: @Sendable () -> ServiceRoutes?, excluding: Set<String> = [], pin: Pin? = nil,
        queueTimeout: Duration, wakeTimeout: Duration
    ) async -> Outcome {
        let start = ContinuousClock.now
        var deadline = start + queueTimeout
        // The service's metrics while this request waits in the queue (counted once, until it leaves).
        var queuedOn: ServiceMetrics?
        defer { queuedOn?.dequeued() }
        while true {
            guard let current = routes() else { return .gone }
            let generation = state.withLock { $0.generation }
            let (lease, wantsWake) = tryAcquire(app: app, routes: current, excluding: excluding, pin: pin)
            if wantsWake, wake(app: app, routes: current) {
                deadline = max(deadline, start + wakeTimeout)
            }
            if let lease { return .lease(lease) }
            if ContinuousClock.now >= deadline { return .overloaded }
            if queuedOn == nil, let metrics {
                let service = metrics.service(app: app, service: current.service.source)
                service.queued()
                queuedOn = service
            }
            await waitForChange(app: app, since: generation, until: deadline)
        }
    }

    /// Asks the runtime to start a stopped (or thaw a suspended) machine of the service, once at a
    /// time per service. True when a wake is (now) in progress.
    @discardableResult
    public func wake(app: String, routes: ServiceRoutes) -> Bool {
        guard routes.service.autoStart,
            routes.targets.contains(where: { $0.state == .stopped || $0.state == .suspended })
        else { return state.withLock { $0.waking.contains(Self.wakeRequest(app: app, routes: routes)) } }
        let request = Self.wakeRequest(app: app, routes: routes)
        let fresh = state.withLock { $0.waking.insert(request).inserted }
        if fresh {
            Task { [self] in
                _ = await sink.wake(request)
                state.withLock { _ = $0.waking.remove(request) }
                changed()
            }
        }
        return true
    }

    private static func wakeRequest(app: String, routes: ServiceRoutes) -> WakeRequest {
        WakeRequest(app: app, group: routes.group, internalPort: routes.service.internalPort)
    }

    /// Gives a slot back; waiters of the app try again.
    public func release(_ lease: Lease) {
        let load = state.withLock { state in
            let count = (state.inFlight[lease.app]?[lease.target.machineID] ?? 1) - 1
            state.inFlight[lease.app]?[lease.target.machineID] = count > 0 ? count : nil
            state.dirty.insert(lease.app)
            return max(0, count)
        }
        recordLoad(lease, inFlight: load)
        changed()
        scheduleReport()
    }

    /// Something changed (a slot freed, a new routing table, a wake ended): every waiter retries.
    public func changed() {
        let waiting = state.withLock { state -> [Waiter] in
            state.generation &+= 1
            let all = Array(state.waiters.values)
            state.waiters.removeAll()
            return all
        }
        for waiter in waiting { waiter.continuation.resume() }
    }

    private func waitForChange(app: String, since generation: UInt64, until deadline: ContinuousClock.Instant) async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter &+= 1
            return state.nextWaiter
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let registered = state.withLock { state -> Bool in
                guard state.generation == generation else { return false }
                state.waiters[id] = Waiter(app: app, continuation: continuation)
                return true
            }
            guard registered else {
                continuation.resume()
                return
            }
            Task { [self] in
                try? await Task.sleep(until: deadline)
                let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
                waiter?.continuation.resume()
            }
        }
    }

    // MARK: - Load

    private func recordLoad(_ lease: Lease, inFlight: Int) {
        guard let metrics, !lease.service.isEmpty else { return }
        metrics.service(app: lease.app, service: lease.service).machineLoad(machineID: lease.target.machineID, inFlight: inFlight)
    }

    /// In-flight work per machine of an app now.
    public func load(app: String) -> [String: Int] {
        state.withLock { $0.inFlight[app] ?? [:] }
    }

    /// Sends every app's load (for apps in `apps`, even with nothing in flight) now.
    public func reportAll(apps: [String]) async {
        let loads = state.withLock { state in apps.map { LoadReport(app: $0, inFlight: state.inFlight[$0] ?? [:]) } }
        for load in loads { await sink.report(load) }
    }

    private func scheduleReport() {
        let start = state.withLock { state -> Bool in
            guard !state.flushScheduled, !state.dirty.isEmpty else { return false }
            state.flushScheduled = true
            return true
        }
        guard start else { return }
        Task { [self] in
            try? await Task.sleep(for: reportInterval)
            let loads = state.withLock { state -> [LoadReport] in
                let reports = state.dirty.sorted().map { LoadReport(app: $0, inFlight: state.inFlight[$0] ?? [:]) }
                state.dirty.removeAll()
                state.flushScheduled = false
                return reports
            }
            for load in loads { await sink.report(load) }
        }
    }
}
