import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// What reconciling decided.
    struct Reconciled: Sendable {
        /// Every machine the plan wants (of the reconciled groups).
        var machines: [String] = []
        /// Machines to start (created, stopped, failed or suspended ones).
        var start: [String] = []
        /// Running machines with a new version: stop, then start.
        var restart: [String] = []
        var notes: [String] = []
        /// Machines created by this reconcile.
        var created: [String] = []
    }

    /// Makes the stored machines match the plan: per group, keeps the first `count` (running ones
    /// first, then the oldest), destroys the rest (stopped first; their volumes stay for a later
    /// scale-up), creates the missing ones with their volumes. With `updateSpecs`, a kept machine
    /// whose spec changed gets a new version and is restarted. With `groups`, only those groups are
    /// touched; without, machines of groups no longer in the config are destroyed too.
    func reconcile(app: String, plan: Plan, mode: RuntimeMode, groups: Set<String>?, updateSpecs: Bool) async
        throws(ControlError) -> Reconciled
    {
        var result = Reconciled()
        let existing = try storeCall { () throws(StoreError) in try store.machines(app: app) }
        var doomed: [MachineRecord] = []
        if groups == nil {
            for record in existing where plan.group(record.group) == nil {
                doomed.append(record)
                result.notes.append(
                    "destroying machine \(record.id): its group \(record.group) is no longer in the config")
            }
        }
        for group in plan.groups where groups?.contains(group.name) ?? true {
            let members = existing.filter { $0.group == group.name }.sorted { a, b in
                let (ra, rb) = (machines[a.id]?.isRunning == true, machines[b.id]?.isRunning == true)
                if ra != rb { return ra }
                return (a.createdAt, a.id) < (b.createdAt, b.id)
            }
            doomed += members.dropFirst(group.count)
            for record in members.prefix(group.count) {
                var current = record
                var changed = false
                if updateSpecs && record.spec != group.spec {
                    current = try storeCall { () throws(StoreError) in
                        try store.updateMachine(id: record.id, spec: group.spec, source: .user).machine
                    }
                    changed = true
                }
                try await ensureVolume(current, mount: group.spec.mount, notes: &result.notes)
                result.machines.append(record.id)
                if let entry = machines[record.id], entry.isRunning {
                    let runningMode: RuntimeMode = entry.process?.spec.mode.isIsolated == true ? .isolated : .shared
                    if changed || runningMode != mode {
                        result.restart.append(record.id)
                    } else if entry.suspended {
                        result.start.append(record.id)
                    }
                } else {
                    result.start.append(record.id)
                }
            }
            for _ in min(members.count, group.count)..<group.count {
                let id = try await createMachine(app: app, group: group, mode: mode, notes: &result.notes)
                result.machines.append(id)
                result.start.append(id)
                result.created.append(id)
            }
        }
        await withTaskGroup(of: Void.self) { tasks in
            for record in doomed {
                tasks.addTask {
                    _ = await self.serially(record.id) { supervisor in
                        await supervisor.performDestroy(record.id, source: .user)
                    }
                }
            }
        }
        return result
    }

    /// Records a new machine of the group: its volume (a free one of the mount's name, else a new
    /// one, which the notes mention) and, in isolated mode, its address.
    func createMachine(app: String, group: GroupPlan, mode: RuntimeMode, notes: inout [String]) async
        throws(ControlError) -> String
    {
        var volumeID: String?
        if let mount = group.spec.mount {
            volumeID = try await volume(app: app, group: group.name, mount: mount, notes: &notes).id
        }
        var address = "127.0.0.1"
        if mode == .isolated {
            guard let allocated = allocateAddress() else {
                throw ControlError(.failed, "no free machine address in the configured range")
            }
            address = allocated.ipv4
        }
        let created = try storeCall { () throws(StoreError) in
            try store.createMachine(
                app: app, group: group.name, spec: group.spec, privateAddress: address, volumeID: volumeID,
                source: .user)
        }
        return created.machine.id
    }

    /// A free volume named like the mount, or a new one of the mount's initial size.
    func volume(app: String, group: String, mount: MountSpec, notes: inout [String]) async throws(ControlError)
        -> VolumeRecord
    {
        if let free = try storeCall({ () throws(StoreError) in try store.unattachedVolume(app: app, name: mount.volume) }) {
            return free
        }
        let size = min(max(mount.initialSizeGB, 1), HangarStore.maxVolumeSizeGB)
        let created = try await makeVolume(app: app, name: mount.volume, sizeGB: size, notes: &notes)
        notes.append(
            "created volume \(created.name) (\(created.id), \(created.sizeGB) GB, "
                + (created.backing == .image ? "ext4 image, size enforced" : "plain directory, size not enforced")
                + ") for a machine of group \(group)")
        return created
    }

    /// Gives a kept machine the volume its mount names (a mount added, renamed or removed in the
    /// config); a machine whose volume already matches keeps it.
    func ensureVolume(_ record: MachineRecord, mount: MountSpec?, notes: inout [String]) async throws(ControlError) {
        let attached = try record.volumeID.flatMap { id throws(ControlError) in
            try storeCall { () throws(StoreError) in try store.volume(id: id) }
        }
        if let attached, attached.name == mount?.volume { return }
        if let attached {
            try storeCall { () throws(StoreError) in _ = try store.detach(volume: attached.id) }
        }
        guard let mount else { return }
        let volume = try await volume(app: record.app, group: record.group, mount: mount, notes: &notes)
        try storeCall { () throws(StoreError) in _ = try store.attach(volume: volume.id, to: record.id) }
    }

    // MARK: - scale

    public func scale(app: String, counts: [String: Int]) async throws(ControlError) -> AppStatus {
        let record = try requireApp(app)
        guard !counts.isEmpty else { throw ControlError(.invalid, "no counts given: expected GROUP=COUNT, e.g. web=3") }
        guard let configPath = record.configPath else {
            throw ControlError(.conflict, "app \(app) has no config path; run `hangar up` first")
        }
        let source = try AppSource.load(path: configPath)
        let groups = source.config.processNames
        for (group, count) in counts.sorted(by: { $0.key < $1.key }) {
            guard groups.contains(group) else {
                throw ControlError(
                    .invalid,
                    "unknown process group \(group.debugDescription); the app's groups are: "
                        + groups.joined(separator: ", "))
            }
            guard (0...HangarStore.maxGroupCount).contains(count) else {
                throw ControlError(
                    .invalid,
                    "invalid count \(count) for group \(group): expected a count from 0 to \(HangarStore.maxGroupCount)")
            }
        }
        let existing = try storeCall { () throws(StoreError) in try store.machines(app: app) }
        let mode: RuntimeMode
        if let known = self.mode(ofApp: app, records: existing) {
            mode = known
        } else {
            mode = try ModeResolver.resolve(.auto).mode
        }
        let applied = await serially("app:" + app) { supervisor in
            await supervisor.applyScale(source: source, app: app, counts: counts, mode: mode)
        }
        let result = try applied.get()
        if !result.machines.isEmpty {
            try await awaitReady(
                app: app, machines: result.machines, timeout: .seconds(options.scaleWaitTimeoutSeconds), what: "scale")
        }
        var status = try appStatus(app)
        status.notes = result.notes
        return status
    }

    func applyScale(source: AppSource, app: String, counts: [String: Int], mode: RuntimeMode) async
        -> Result<Applied, ControlError>
    {
        do throws(ControlError) {
            try storeCall { () throws(StoreError) in _ = try store.setScale(app: app, counts: counts) }
            let plan = try makePlan(source: source, app: app)
            if appRuntimes[app] == nil {
                appRuntimes[app] = AppRuntime(mode: mode, notes: Self.unhonouredNotes(plan: plan, mode: mode))
            }
            var reconciled = try await reconcile(
                app: app, plan: plan, mode: mode, groups: Set(counts.keys), updateSpecs: false)
            // Scaling starts the machines it creates; stopped ones stay stopped, as with flyctl.
            reconciled.start = reconciled.created
            reconciled.restart = []
            reconciled.machines = reconciled.created
            await startAll(reconciled)
            return .success(Applied(machines: reconciled.created, notes: reconciled.notes))
        } catch {
            return .failure(error)
        }
    }
}
