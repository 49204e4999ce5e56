import Foundation
import HangarCore

/// Runs one machine's health checks on their intervals and keeps their latest state.
///
/// `start()` begins a run: every check starts `warning` and is probed at once, then on its
/// interval (see `CheckLifecycle` for grace-period rules). `stop()` cancels the run and waits for
/// it: probes in flight are woken and abandoned, so it returns promptly. The runner only reports;
/// it never restarts or stops the machine.
///
/// `statusChanges()` gives a stream per subscriber of status changes only (a probe that keeps the
/// status publishes nothing). A stream ends when the run it watches is stopped.
public actor CheckRunner {
    public struct Options: Sendable, Equatable {
        /// When set, a check that has not passed yet is probed at least this often, so a machine
        /// that comes up shortly after its first probe is seen passing without waiting a whole
        /// interval. `nil` (the default) keeps Fly's cadence.
        public var startupInterval: Duration?

        public init(startupInterval: Duration? = nil) {
            self.startupInterval = startupInterval
        }
    }

    public nonisolated let address: String
    public nonisolated let checks: [CheckSpec]
    public nonisolated let options: Options

    private var states: [CheckState]
    private var subscribers: [Int: AsyncStream<CheckStatusChange>.Continuation] = [:]
    private var nextSubscriber = 0
    private var streakSubscribers: [Int: (limit: Int, continuation: AsyncStream<CheckState>.Continuation)] = [:]
    private var run: Task<Void, Never>?
    private var generation = 0

    public init(address: String, checks: [CheckSpec], options: Options = Options()) {
        self.address = address
        self.checks = checks
        self.options = options
        let now = Date()
        self.states = checks.map { CheckState.waiting($0, at: now) }
    }

    public var isRunning: Bool { run != nil }

    /// The latest state of every check, in the order the checks were given.
    public func results() -> [CheckState] { states }

    /// The latest state of the check named `name` (the first one, should two share a name).
    public func result(named name: String) -> CheckState? {
        states.first { $0.name == name }
    }

    public func summary() -> MachineChecks { MachineChecks(states) }

    /// A new stream of status changes from now on.
    public func statusChanges() -> AsyncStream<CheckStatusChange> {
        let (stream, continuation) = AsyncStream<CheckStatusChange>.makeStream(bufferingPolicy: .unbounded)
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    /// A new stream that yields a check's state each time its critical probes in a row reach
    /// `probes` (once per streak: the check has to pass or warn before it can yield again). What
    /// `--restart-unhealthy` acts on. It ends when the run is stopped.
    public func criticalStreaks(reaching probes: Int) -> AsyncStream<CheckState> {
        let (stream, continuation) = AsyncStream<CheckState>.makeStream(bufferingPolicy: .unbounded)
        let id = nextSubscriber
        nextSubscriber += 1
        streakSubscribers[id] = (max(1, probes), continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribeStreak(id) }
        }
        return stream
    }

    /// Starts a run (no-op when one is running): resets every check to `warning` and probes.
    public func start() {
        guard run == nil else { return }
        generation += 1
        let generation = self.generation
        let now = Date()
        states = checks.map { CheckState.waiting($0, at: now) }
        for state in states {
            publish(CheckStatusChange(checkName: state.name, previous: nil, result: state.result))
        }
        let startedAt = ContinuousClock.now
        let work = checks.enumerated().map { index, spec in
            CheckWork(
                index: index, probe: CheckProbe(spec: spec, address: address),
                lifecycle: CheckLifecycle(
                    interval: CheckTiming.interval(spec), gracePeriod: CheckTiming.gracePeriod(spec),
                    startupInterval: options.startupInterval))
        }
        run = Task {
            await withTaskGroup(of: Void.self) { group in
                for item in work {
                    group.addTask {
                        await Self.probeLoop(item, startedAt: startedAt, runner: self, generation: generation)
                    }
                }
            }
        }
    }

    /// Stops the run, waits until every probe has ended, and ends the status-change streams.
    /// The last states stay readable.
    public func stop() async {
        guard let run else { return }
        self.run = nil
        run.cancel()
        await run.value
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
        for subscriber in streakSubscribers.values { subscriber.continuation.finish() }
        streakSubscribers.removeAll()
    }

    private struct CheckWork: Sendable {
        var index: Int
        var probe: CheckProbe
        var lifecycle: CheckLifecycle
    }

    private static func probeLoop(
        _ work: CheckWork, startedAt: ContinuousClock.Instant, runner: CheckRunner, generation: Int
    ) async {
        var lifecycle = work.lifecycle
        var next = Duration.zero
        while true {
            do {
                try await Task.sleep(until: startedAt.advanced(by: next), clock: .continuous)
            } catch {
                return
            }
            let probeStart = ContinuousClock.now
            let offset = startedAt.duration(to: probeStart)
            let outcome = await work.probe.run()
            if case .cancelled = outcome { return }
            if Task.isCancelled { return }
            let withinGrace = lifecycle.isWithinGrace(offset)
            let verdict = lifecycle.record(succeeded: outcome.succeeded, probeStartedAt: offset)
            var output = outcome.output
            if verdict.status == .warning, withinGrace {
                output += " (within the \(ProbeText.duration(lifecycle.gracePeriod)) grace period)"
            }
            let result = CheckResult(status: verdict.status, output: output, checkedAt: Date())
            await runner.record(result, index: work.index, generation: generation)
            next = verdict.nextProbe
        }
    }

    private func record(_ result: CheckResult, index: Int, generation: Int) {
        guard generation == self.generation, run != nil, states.indices.contains(index) else { return }
        let previous = states[index].result.status
        states[index].result = result
        states[index].probeCount += 1
        states[index].consecutiveCritical = result.status == .critical ? states[index].consecutiveCritical + 1 : 0
        for subscriber in streakSubscribers.values where states[index].consecutiveCritical == subscriber.limit {
            subscriber.continuation.yield(states[index])
        }
        if previous != result.status {
            states[index].lastChanged = result.checkedAt
            publish(CheckStatusChange(checkName: states[index].name, previous: previous, result: result))
        }
    }

    private func publish(_ change: CheckStatusChange) {
        for continuation in subscribers.values { continuation.yield(change) }
    }

    private func unsubscribeStreak(_ id: Int) {
        streakSubscribers[id] = nil
    }

    private func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }
}
