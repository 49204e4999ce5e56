import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// Starts the machine unless it runs (queued behind the machine's other operations).
    /// `fresh`: the user asked (`up`, `start`): a new restart budget. Otherwise a restart after an
    /// exit, within the budget.
    @discardableResult
    func startMachine(_ id: String, source: EventSource, fresh: Bool) async -> ControlError? {
        await serially(id) { supervisor in await supervisor.performStart(id, source: source, fresh: fresh) }
    }

    /// The start itself: `starting` (event), launch off the actor, `started` (event with pid and
    /// start time), then checks, exit watching and the app's hosts files.
    func performStart(_ id: String, source: EventSource, fresh: Bool) async -> ControlError? {
        guard !detached else { return nil }
        let record: MachineRecord
        let directory: String
        do throws(ControlError) {
            guard let found = try storeCall({ () throws(StoreError) in try store.machine(id: id) }) else {
                return ControlError(.notFound, "no machine has id \(id)")
            }
            record = found
            directory = try requireApp(record.app).directory ?? "/"
        } catch {
            return error
        }
        if record.state.isTerminal { return ControlError(.conflict, "machine \(id) is \(record.state.rawValue)") }
        machines[id]?.draining = false
        if await adoptIfAlive(record) {
            machines[id]?.wanted = true
            refreshHosts(record.app)
            publish(record.app)
            if machines[id]?.suspended == true { return await performResume(id, source: source) }
            return nil
        }

        var entry = machines[id]
            ?? SupervisedMachine(
                id: id, app: record.app, group: record.group, restart: record.spec.restart,
                backoff: options.restartBackoff)
        if fresh {
            entry.tracker = RestartPolicyTracker(spec: record.spec.restart, backoff: options.restartBackoff)
            entry.pendingRestart?.cancel()
            entry.pendingRestart = nil
            entry.restartToken += 1
        }
        entry.wanted = true
        machines[id] = entry
        if entry.isRunning {
            return entry.suspended ? await performResume(id, source: source) : nil
        }

        let mode = appRuntimes[record.app]?.mode ?? mode(of: record)
        let prepared: PreparedLaunch
        do throws(ControlError) {
            try await mountVolume(of: record)
            prepared = try prepareLaunch(record, mode: mode, directory: directory)
        } catch {
            return recordLaunchFailure(id, app: record.app, message: error.message)
        }
        let restarts = machines[id]?.tracker.restarts.count ?? 0
        do throws(StoreError) {
            try store.transition(
                machine: id, to: .starting,
                event: MachineEvent.Draft(
                    fresh ? .start : .restart, source: source,
                    payload: EventPayload(restartCount: fresh ? nil : restarts)),
                update: { machine in
                    machine.privateAddress = prepared.privateIP
                    machine.pid = nil
                    machine.pidStartTime = nil
                    if fresh {
                        machine.restartCount = 0
                        machine.restartWindowStart = nil
                    }
                })
        } catch {
            return ControlError(error)
        }
        publish(record.app)

        runnerLog(id, "Preparing to run: `\(record.spec.command.joined(separator: " "))`")
        let launchStart = ContinuousClock.now
        let launched = await launch(prepared, record: record)
        let process: MachineProcess
        switch launched {
        case .success(let started): process = started
        case .failure(let error):
            prepared.output?.poll(final: true)
            return recordLaunchFailure(id, app: record.app, message: error.description)
        }
        if let output = prepared.output { outputPoller.register(id, output) }
        if detached || machines[id] == nil {
            await process.kill()
            return nil
        }
        machines[id]?.process = process
        machines[id]?.run += 1
        machines[id]?.port = process.port
        machines[id]?.suspended = false
        machines[id]?.checkStates = []
        machines[id]?.tracker.started(at: .now)
        machines[id]?.startedAt = .now
        let run = machines[id]?.run ?? 0
        do throws(StoreError) {
            try store.transition(
                machine: id, to: .started, event: MachineEvent.Draft(.start, source: .hangar),
                update: { machine in
                    machine.pid = process.pid
                    machine.pidStartTime = process.startTime
                    if case .isolated(let address) = process.spec.mode { machine.privateAddress = address.ipv4 }
                })
        } catch {
            machines[id]?.process = nil
            await process.kill()
            return ControlError(error)
        }
        if let port = process.port {
            try? String(port).write(toFile: runDirectory(of: id) + "/port", atomically: true, encoding: .utf8)
        }
        runnerLog(id, "Machine started in \(launchStart.duration(to: .now).formatted)")
        watchExit(id, run: run, process: process)
        await startChecks(id, run: run, spec: record.spec, address: process.hostAddress, port: process.port)
        refreshHosts(record.app)
        publish(record.app)
        return nil
    }

    /// Everything a launch needs, worked out on the actor.
    struct PreparedLaunch: Sendable {
        var spec: LaunchSpec
        var privateIP: String
        var output: MachineOutput?
    }

    func prepareLaunch(_ record: MachineRecord, mode: RuntimeMode, directory: String) throws(ControlError)
        -> PreparedLaunch
    {
        let isolation: IsolationMode
        let privateIP: String
        var port: Int?
        if mode == .isolated {
            guard let address = MachineAddress(ipv4: record.privateAddress ?? "") ?? allocateAddress() else {
                throw ControlError(.failed, "no free machine address in the configured range")
            }
            isolation = .isolated(address)
            privateIP = address.ipv4
        } else {
            if let old = MachineAddress(ipv4: record.privateAddress ?? "") { AddressAllocator.release(old.index) }
            do throws(LaunchError) {
                port = try PortAllocator.freePort()
            } catch {
                throw ControlError(.failed, "no free port for machine \(record.id): \(error)")
            }
            isolation = .shared(port: port ?? 0)
            privateIP = "127.0.0.1"
        }
        let secrets = try storeCall { () throws(StoreError) in try store.secretValues(app: record.app) }
        var volume: VolumeMount?
        var volumePath: String?
        if let mount = record.spec.mount, let volumeID = record.volumeID,
            let stored = try storeCall({ () throws(StoreError) in try store.volume(id: volumeID) })
        {
            volume = VolumeMount(source: stored.path, destination: mount.destination)
            volumePath = mode == .isolated ? mount.destination : stored.path
        }
        let identity = MachineEnvironment.Identity(
            machineID: record.id, version: record.version, privateIP: privateIP,
            imageRef: MachineEnvironment.imageRef(app: record.app, version: record.version), port: port,
            volumePath: volumePath)
        let env = MachineEnvironment.compose(
            spec: record.spec, secrets: secrets, identity: identity, base: options.baseEnvironment)
        let output = logWriter(record).map {
            MachineOutput(writer: $0, runDirectory: runDirectory(of: record.id), resume: false)
        }
        let guest = record.spec.guest
        let spec = LaunchSpec(
            id: record.id, argv: record.spec.command, env: env, workingDirectory: directory, mode: isolation,
            resources: ResourceLimits(
                memoryMB: guest.memoryMB, cpus: guest.cpus,
                cpuKind: guest.cpuKind == "performance" ? .performance : .shared),
            volume: volume, hosts: hostsEntries(record.app), runDirectory: runDirectory(of: record.id),
            stdout: output.map { .file(path: $0.path(.stdout)) } ?? .null,
            stderr: output.map { .file(path: $0.path(.stderr)) } ?? .null, initExecutable: options.initExecutable)
        return PreparedLaunch(spec: spec, privateIP: privateIP, output: output)
    }

    /// Starts the process off the actor. An isolated address another host process took meanwhile
    /// is replaced by a fresh one (a few times).
    func launch(_ prepared: PreparedLaunch, record: MachineRecord) async -> Result<MachineProcess, LaunchError> {
        var spec = prepared.spec
        for _ in 0..<5 {
            let attempt = spec
            let result = await Blocking.run {
                Result<MachineProcess, LaunchError> { () throws(LaunchError) in try MachineProcess.start(spec: attempt) }
            }
            guard case .failure(.addressInUse) = result, case .isolated(let taken) = spec.mode,
                let fresh = allocateAddress(excluding: [taken.index])
            else { return result }
            spec.mode = .isolated(fresh)
            spec.env["FLY_PRIVATE_IP"] = fresh.ipv4
        }
        return .failure(.addressInUse("every address tried"))
    }

    /// A machine that could not be set up (bad volume destination, no address...) is failed: the
    /// cause does not go away by retrying.
    func recordLaunchFailure(_ id: String, app: String, message: String) -> ControlError {
        machines[id]?.wanted = false
        let reason = "could not start: \(message)"
        runnerLog(id, "Machine \(reason)", level: .error)
        _ = try? store.transition(
            machine: id, to: .failed,
            event: MachineEvent.Draft(.fail, source: .hangar, payload: EventPayload(reason: reason)),
            update: { machine in
                machine.pid = nil
                machine.pidStartTime = nil
                machine.exit = MachineExit(reason: reason)
            })
        publish(app)
        return ControlError(.failed, "machine \(id) \(reason)")
    }

    /// A free isolated address: not used by any machine of the store, nor on the host.
    func allocateAddress(excluding: Set<Int> = []) -> MachineAddress? {
        var used = excluding
        for machine in (try? store.allMachines()) ?? [] {
            if let address = MachineAddress(ipv4: machine.privateAddress ?? "") { used.insert(address.index) }
        }
        return AddressAllocator.allocate(in: options.addressIndexes, used: used)
    }

    // MARK: - Watching

    func watchExit(_ id: String, run: Int, process: MachineProcess) {
        Task { [weak self] in
            let info = await process.wait()
            await self?.processExited(id, run: run, info: info)
        }
    }

    /// Starts the machine's checks and forwards their status changes to the actor.
    func startChecks(_ id: String, run: Int, spec: MachineSpec, address: String, port: Int?) async {
        let checks = MachineCheckPlan.checks(spec, sharedPort: port)
        guard !checks.isEmpty else { return }
        let runner = CheckRunner(
            address: address, checks: checks, options: CheckRunner.Options(startupInterval: options.checkStartupInterval))
        machines[id]?.checks = runner
        let changes = await runner.statusChanges()
        watchUnhealthy(id, run: run, streaks: await runner.criticalStreaks(reaching: options.unhealthyProbeLimit))
        await runner.start()
        checksChanged(id, run: run, states: await runner.results())
        Task { [weak self] in
            for await _ in changes {
                let states = await runner.results()
                await self?.checksChanged(id, run: run, states: states)
            }
        }
    }

    func checksChanged(_ id: String, run: Int, states: [CheckState]) {
        guard !detached, let entry = machines[id], entry.run == run, entry.isRunning else { return }
        machines[id]?.checkStates = states
        publish(entry.app)
    }

    /// Stops the machine's checks (they report nothing more) and forgets their states.
    func stopChecks(_ id: String) {
        guard let runner = machines[id]?.checks else { return }
        machines[id]?.checks = nil
        machines[id]?.checkStates = []
        Task { await runner.stop() }
    }

    // MARK: - .internal names

    /// The `/etc/hosts` entries of the app's running isolated machines.
    func hostsEntries(_ app: String) -> [HostsEntry] {
        let peers = machines.values.compactMap { entry -> InternalHosts.Peer? in
            guard entry.app == app, !entry.suspended, let process = entry.process,
                case .isolated(let address) = process.spec.mode
            else { return nil }
            return InternalHosts.Peer(id: entry.id, group: entry.group, address: address.ipv4)
        }
        return InternalHosts.entries(app: app, peers: peers)
    }

    /// Rewrites the hosts file of every running machine of the app, soon: the changes of one
    /// poll interval (a hundred machines starting together) make one rewrite per machine.
    func refreshHosts(_ app: String) {
        guard !hostsRefreshes.contains(app) else { return }
        hostsRefreshes.insert(app)
        let delay = options.pollInterval
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            await self?.writeHosts(app)
        }
    }

    func writeHosts(_ app: String) {
        hostsRefreshes.remove(app)
        guard !detached else { return }
        let entries = hostsEntries(app)
        for entry in machines.values where entry.app == app {
            try? entry.process?.updateHosts(entries)
        }
    }
}
