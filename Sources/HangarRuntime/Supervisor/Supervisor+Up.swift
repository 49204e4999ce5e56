import FlyConfig
import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// `hangar up`: validate, register, plan, reconcile, start, then wait until every machine is
    /// started and its checks pass (or fail with the reason).
    public func up(_ request: UpRequest) async throws(ControlError) -> AppStatus {
        guard !detached else { throw ControlError(.conflict, "the supervisor is shutting down") }
        let source = try AppSource.load(path: request.configPath)
        let name = request.appName ?? source.config.app ?? ""
        guard !name.isEmpty else {
            throw ControlError(
                .invalidConfig, "\(source.configPath) has no app name: set `app = \"name\"` or pass --app")
        }
        try storeCall { () throws(StoreError) in try NameRules.validateAppName(name) }
        let resolved = try ModeResolver.resolve(modeRequest(request.mode, app: name))
        let applied = await serially("app:" + name) { supervisor in
            await supervisor.applyUp(
                source: source, app: name, mode: resolved.mode, modeNotes: resolved.notes,
                restartUnhealthy: request.restartUnhealthy)
        }
        let result = try applied.get()
        if request.waitTimeoutSeconds > 0 {
            try await awaitReady(
                app: name, machines: result.machines, timeout: .seconds(request.waitTimeoutSeconds), what: "up")
        }
        var status = try appStatus(name)
        status.notes = result.notes
        return status
    }

    /// `auto` keeps the mode the app's machines already run in (when this host still offers it), so
    /// an `up` without `--mode` never moves machines between modes; an explicit mode restarts the
    /// machines that run in the other one.
    func modeRequest(_ requested: RuntimeMode, app: String) -> RuntimeMode {
        guard requested == .auto, let records = try? store.machines(app: app),
            let current = mode(ofApp: app, records: records)
        else { return requested }
        if current == .isolated && ModeResolver.isolationUnavailable != nil { return .auto }
        return current
    }

    /// What `up` (or `scale`) did before waiting.
    struct Applied: Sendable {
        /// Every machine the plan wants, to wait for.
        var machines: [String]
        var notes: [String]
    }

    /// Registers the app, makes its plan and reconciles (one `up` or `scale` of an app at a time).
    /// `restartUnhealthy` turns `--restart-unhealthy` on or off; nil keeps the app's setting.
    func applyUp(
        source: AppSource, app: String, mode: RuntimeMode, modeNotes: [String], restartUnhealthy: Bool? = nil
    ) async -> Result<Applied, ControlError> {
        do throws(ControlError) {
            let registered = try storeCall { () throws(StoreError) in
                var record = try store.registerApp(name: app, configPath: source.configPath, directory: source.directory)
                if let restartUnhealthy { record = try store.setRestartUnhealthy(app: app, restartUnhealthy) }
                return record
            }
            let plan = try makePlan(source: source, app: app)
            let runtimeNotes = modeNotes + Self.unhonouredNotes(plan: plan, mode: mode)
            appRuntimes[app] = AppRuntime(mode: mode, notes: runtimeNotes)
            var notes = source.warnings + runtimeNotes
            if registered.restartUnhealthy {
                notes.append(
                    "machines whose health check stays critical for \(options.unhealthyProbeLimit) probes in a row are "
                        + "restarted (--restart-unhealthy; --no-restart-unhealthy turns it off)")
            }
            notes += try await runReleaseCommand(app: app, plan: plan, source: source)
            let reconciled = try await reconcile(app: app, plan: plan, mode: mode, groups: nil, updateSpecs: true)
            notes += reconciled.notes
            await startAll(reconciled)
            return .success(Applied(machines: reconciled.machines, notes: notes))
        } catch {
            return .failure(error)
        }
    }

    /// The plan from the config, the stored scale and secret names, and the image defaults.
    func makePlan(source: AppSource, app: String) throws(ControlError) -> Plan {
        let scale = try storeCall { () throws(StoreError) in try store.scale(app: app) }
        let secretNames = try storeCall { () throws(StoreError) in try store.secrets(app: app).map(\.name) }
        do throws(PlanError) {
            return try Plan.make(
                config: source.config, appName: app, scale: scale, secretNames: secretNames, image: source.image)
        } catch {
            throw ControlError(error)
        }
    }

    /// Starts what reconciling asked for, all at once: machines that are not running, and machines
    /// with a new version (stopped, then started).
    func startAll(_ reconciled: Reconciled) async {
        for id in reconciled.machines { machines[id]?.crashes = 0 }
        await withTaskGroup(of: Void.self) { group in
            for id in reconciled.start {
                group.addTask { await self.startMachine(id, source: .user, fresh: true) }
            }
            for id in reconciled.restart {
                group.addTask {
                    await self.serially(id) { supervisor in
                        _ = await supervisor.performStop(id, source: .user)
                        _ = await supervisor.performStart(id, source: .user, fresh: true)
                    }
                }
            }
        }
    }

    /// What the mode or this host cannot give the app's groups, once per distinct note.
    static func unhonouredNotes(plan: Plan, mode: RuntimeMode) -> [String] {
        var notes: [String] = []
        func add(_ note: String) { if !notes.contains(note) { notes.append(note) } }
        for group in plan.groups {
            let spec = group.spec
            let isolation: IsolationMode
            if mode == .isolated, let address = MachineAddress(index: 0) {
                isolation = .isolated(address)
            } else {
                isolation = .shared(port: 1)
            }
            let probe = LaunchSpec(
                id: "probe", argv: spec.command, workingDirectory: "/", mode: isolation,
                resources: ResourceLimits(memoryMB: spec.guest.memoryMB, cpus: spec.guest.cpus),
                runDirectory: "/")
            for note in MachineProcess.unhonoured(probe) { add(note) }
            if mode == .shared {
                if let mount = spec.mount {
                    add(
                        "group \(group.name): the volume is not mounted at \(mount.destination) (shared mode has no "
                            + "mount namespace); the app finds it at $HANGAR_VOLUME_PATH")
                }
                for note in MachineCheckPlan.sharedModeNotes(spec) { add(note) }
            }
        }
        return notes
    }
}
