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
        /// Image-backed volumes that could not be mounted again, with the reason.
        public var unmountedVolumes: [String] = []
    }

    /// Run once when the daemon starts: for every machine the store says is running, re-adopt its
    /// process if it is still the same one (`pid` and start time), else record the exit ("daemon
    /// restarted; machine was gone", with the init's exit record when it left one) and restart it
    /// per its policy. Never starts a second process for a machine whose process lives.
    @discardableResult
    public func recover() async -> Recovery {
        var recovery = Recovery()
        // Image-backed volumes first: a machine restarted below must find its volume mounted.
        recovery.unmountedVolumes = await mountAllImages()
        let records = (try? store.allMachines()) ?? []
        let live: Set<MachineState> = [.starting, .started, .stopping, .suspending, .suspended, .restarting]
        var apps: Set<String> = []
        for record in records where live.contains(record.state) && machines[record.id]?.isRunning != true {
            apps.insert(record.app)
            if await adoptIfAlive(record) {
                recovery.adopted.append(record.id)
                if record.state == .stopping {
                    // The stop was under way when the daemon went: finish it.
                    await stopMachine(record.id, source: .hangar)
                }
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

    /// Re-attaches to the machine's process when the store names one that still runs (the same
    /// pid and start time) and this supervisor does not hold it yet. Every path that would start or
    /// stop a machine goes through here first, so a live process is never started a second time.
    func adoptIfAlive(_ record: MachineRecord) async -> Bool {
        guard machines[record.id]?.isRunning != true, let pid = record.pid, let startTime = record.pidStartTime,
            MachineProcess.isAlive(pid: pid, startTime: startTime)
        else { return false }
        return await adopt(record, pid: pid, startTime: startTime)
    }

    /// Re-attaches to a machine's live process. False when it vanished meanwhile.
    func adopt(_ record: MachineRecord, pid: Int32, startTime: UInt64) async -> Bool {
        let directory = (try? store.app(named: record.app))?.directory ?? "/"
        let directoryOfRun = runDirectory(of: record.id)
        let isolation: IsolationMode
        if let address = MachineAddress(ipv4: record.privateAddress ?? "") {
            isolation = .isolated(address)
        } else {
            let port = (try? String(contentsOfFile: directoryOfRun + "/port", encoding: .utf8)).flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            isolation = .shared(port: port ?? 0)
        }
        let spec = LaunchSpec(
            id: record.id, argv: record.spec.command, workingDirectory: directory, mode: isolation,
            runDirectory: directoryOfRun, initExecutable: options.initExecutable)
        let process: MachineProcess
        do throws(LaunchError) {
            process = try MachineProcess.adopt(spec: spec, pid: pid, startTime: startTime)
        } catch {
            return false
        }
        let run = (machines[record.id]?.run ?? 0) + 1
        var entry = SupervisedMachine(
            id: record.id, app: record.app, group: record.group, restart: record.spec.restart,
            backoff: options.restartBackoff)
        entry.process = process
        entry.run = run
        entry.wanted = record.state != .stopping
        entry.suspended = record.state == .suspended || record.state == .suspending
        if case .shared(let port) = isolation, port > 0 { entry.port = port }
        entry.tracker.started(at: .now)
        entry.startedAt = .now
        machines[record.id] = entry
        if let writer = logWriter(record) {
            outputPoller.register(record.id, MachineOutput(writer: writer, runDirectory: directoryOfRun, resume: true))
        }
        runnerLog(record.id, "Machine re-adopted after a daemon restart (pid \(pid))")
        let note = EventPayload(reason: "re-adopted after a daemon restart (pid \(pid))")
        if record.state == .starting || record.state == .restarting {
            _ = try? store.transition(
                machine: record.id, to: .started, event: MachineEvent.Draft(.start, source: .hangar, payload: note))
        } else if let type = try? EventType("adopt") {
            _ = try? store.appendEvent(machine: record.id, event: MachineEvent.Draft(type, source: .hangar, payload: note))
        }
        watchExit(record.id, run: run, process: process)
        if record.state != .stopping && !entry.suspended {
            await startChecks(record.id, run: run, spec: record.spec, address: process.hostAddress, port: entry.port)
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
        if let writer = logWriter(record) {
            MachineOutput(writer: writer, runDirectory: runDirectory(of: record.id), resume: true).poll(final: true)
        }
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
