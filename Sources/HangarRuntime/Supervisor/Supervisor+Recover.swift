import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// What `recover()` did, machine by machine.
    public struct Recovery: Sendable, Equatable {
        /// Still running (same pid and start time): supervised again, checks and exit watching restored.
        public var adopted: [String] = []
        /// Gone while no supervisor watched: their exit is recorded and they were restarted per policy.
        public var restarted: [String] = []
        /// Gone and left stopped (policy, or a stop that was under way).
        public var stopped: [String] = []
    }

    /// Run once when the daemon starts: for every machine the store says is running, re-adopt its
    /// process if it is still the same one (`pid` and start time), else record the exit ("daemon
    /// restarted; machine was gone", with the init's exit record when it left one) and restart it
    /// per its policy. Never starts a second process for a machine whose process lives.
    @discardableResult
    public func recover() async -> Recovery {
        var recovery = Recovery()
        let records = (try? store.allMachines()) ?? []
        let live: Set<MachineState> = [.starting, .started, .stopping, .suspending, .suspended, .restarting]
        var apps: Set<String> = []
        for record in records where live.contains(record.state) && machines[record.id]?.isRunning != true {
            apps.insert(record.app)
            if let pid = record.pid, let startTime = record.pidStartTime,
                MachineProcess.isAlive(pid: pid, startTime: startTime),
                await adopt(record, pid: pid, startTime: startTime)
            {
                recovery.adopted.append(record.id)
            } else if await recordGone(record) {
                recovery.restarted.append(record.id)
            } else {
                recovery.stopped.append(record.id)
            }
        }
        for app in apps {
            refreshHosts(app)
            publish(app)
        }
        return recovery
    }

    /// Re-attaches to a machine's live process. False when it vanished meanwhile.
    func adopt(_ record: MachineRecord, pid: Int32, startTime: UInt64) async -> Bool {
        let directory = (try? store.app(named: record.app))?.directory ?? "/"
        let run = runDirectory(of: record.id)
        let isolation: IsolationMode
        if let address = MachineAddress(ipv4: record.privateAddress ?? "") {
            isolation = .isolated(address)
        } else {
            let port = (try? String(contentsOfFile: run + "/port", encoding: .utf8)).flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            isolation = .shared(port: port ?? 0)
        }
        let spec = LaunchSpec(
            id: record.id, argv: record.spec.command, workingDirectory: directory, mode: isolation,
            runDirectory: run, initExecutable: options.initExecutable)
        let process: MachineProcess
        do throws(LaunchError) {
            process = try MachineProcess.adopt(spec: spec, pid: pid, startTime: startTime)
        } catch {
            return false
        }
        var entry = SupervisedMachine(
            id: record.id, app: record.app, group: record.group, restart: record.spec.restart,
            backoff: options.restartBackoff)
        entry.process = process
        entry.run = 1
        entry.wanted = record.state != .stopping
        entry.suspended = record.state == .suspended || record.state == .suspending
        if case .shared(let port) = isolation, port > 0 { entry.port = port }
        entry.tracker.started(at: .now)
        machines[record.id] = entry
        let note = EventPayload(reason: "re-adopted after a daemon restart (pid \(pid))")
        if record.state == .starting || record.state == .restarting {
            _ = try? store.transition(
                machine: record.id, to: .started, event: MachineEvent.Draft(.start, source: .hangar, payload: note))
        } else if let type = try? EventType("adopt") {
            _ = try? store.appendEvent(machine: record.id, event: MachineEvent.Draft(type, source: .hangar, payload: note))
        }
        watchExit(record.id, run: 1, process: process)
        if record.state == .stopping {
            // The stop was under way when the daemon went: finish it.
            _ = await stopMachine(record.id, source: .hangar)
        } else if !entry.suspended {
            await startChecks(record.id, run: 1, spec: record.spec, address: process.hostAddress, port: entry.port)
        }
        return true
    }

    /// Records the exit of a machine that ended while no supervisor watched, and restarts it per
    /// its policy. True when it was restarted.
    func recordGone(_ record: MachineRecord) async -> Bool {
        let directory = (try? store.app(named: record.app))?.directory ?? "/"
        let exitText = (try? String(contentsOfFile: runDirectory(of: record.id) + "/exit", encoding: .utf8)) ?? ""
        let info = ExitRecord.fromExitFile(exitText, argv: record.spec.command, workingDirectory: directory)
        let requested = record.state == .stopping
        var reason = "daemon restarted; machine was gone"
        if let info { reason += " (\(ExitRecord.reason(info)))" }
        var tracker = RestartPolicyTracker(spec: record.spec.restart, backoff: options.restartBackoff)
        // An unknown end counts as a failure: on-failure restarts it.
        let decision = tracker.exited(info ?? .signaled(signal: SIGKILL), at: .now, stopRequested: requested)
        var exit = info.map { ExitRecord.machineExit($0, requestedStop: requested) } ?? MachineExit(requestedStop: requested)
        exit.reason = reason
        let restart: Bool
        if case .restart = decision { restart = true } else { restart = false }
        _ = try? store.transition(
            machine: record.id, to: .stopped,
            event: MachineEvent.Draft(.exit, source: .hangar, payload: EventPayload(exit: exit, restarting: restart)),
            update: { machine in
                machine.pid = nil
                machine.pidStartTime = nil
                machine.exit = exit
            })
        guard restart else { return false }
        return await startMachine(record.id, source: .hangar, fresh: false) == nil
    }
}
