import Foundation
import GRDB

extension HangarStore {
    /// Fly's largest volume, in GB.
    public static let maxVolumeSizeGB = 500

    /// Creates a volume of `app` named `name` (Fly's default size is 1 GB) with its data directory
    /// `<home>/volumes/<app>/<id>` (mode 0700).
    public func createVolume(app: String, name: String, sizeGB: Int = 1) throws(StoreError) -> VolumeRecord {
        try NameRules.validateAppName(app)
        try NameRules.validateVolumeName(name)
        try Self.validateSize(sizeGB)
        _ = try read("reading app \(app)") { db in try Self.requireApp(db, app) }
        let id = Identifiers.volumeID()
        let path = location.volumeDirectory(app: app, volumeID: id)
        try StoreLocation.makeDirectory(location.volumesDirectory + "/" + app)
        try StoreLocation.makeDirectory(path)
        let now = StoreClock.millis(StoreClock.now())
        do {
            return try write("creating volume \(name) of \(app)") { db in
                _ = try Self.requireApp(db, app)
                try db.execute(
                    sql: """
                        INSERT INTO volumes (id, app, name, size_gb, attached_machine_id, path, created_at, updated_at)
                        VALUES (?, ?, ?, ?, NULL, ?, ?, ?)
                        """,
                    arguments: [id, app, name, sizeGB, path, now, now])
                return try Self.requireVolume(db, id)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// The volume, or nil if no volume has this id.
    public func volume(id: String) throws(StoreError) -> VolumeRecord? {
        try NameRules.validateVolumeID(id)
        return try read("reading volume \(id)") { db in try Self.fetchVolume(db, id) }
    }

    /// The app's volumes, oldest first.
    public func volumes(app: String) throws(StoreError) -> [VolumeRecord] {
        try NameRules.validateAppName(app)
        return try read("listing the volumes of \(app)") { db in
            _ = try Self.requireApp(db, app)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM volumes WHERE app = ? ORDER BY created_at, id", arguments: [app]
            ).map(VolumeRecord.init(row:))
        }
    }

    /// The oldest unattached volume of `app` named `name`, which a scale-up reuses before creating one.
    public func unattachedVolume(app: String, name: String) throws(StoreError) -> VolumeRecord? {
        try NameRules.validateAppName(app)
        try NameRules.validateVolumeName(name)
        return try read("finding a free volume \(name) of \(app)") { db in
            _ = try Self.requireApp(db, app)
            return try Self.fetchUnattached(db, app: app, name: name)
        }
    }

    /// Finds the oldest unattached volume named `name` and attaches it to `machine`, in one transaction
    /// (so two machines never claim the same one). Nil when none is free.
    public func claimUnattachedVolume(app: String, name: String, machine: String) throws(StoreError) -> VolumeRecord? {
        try NameRules.validateAppName(app)
        try NameRules.validateVolumeName(name)
        try NameRules.validateMachineID(machine)
        let now = StoreClock.millis(StoreClock.now())
        return try write("claiming a volume \(name) of \(app)") { db in
            _ = try Self.requireApp(db, app)
            guard let free = try Self.fetchUnattached(db, app: app, name: name) else { return nil }
            return try Self.attachVolume(db, volumeID: free.id, machineID: machine, app: app, now: now)
        }
    }

    /// Attaches the volume to the machine. Refused when the volume is attached to another machine, the
    /// machine already has another volume, they belong to different apps, or the machine's mount names
    /// another volume. Attaching again to the same machine changes nothing.
    @discardableResult
    public func attach(volume id: String, to machine: String) throws(StoreError) -> VolumeRecord {
        try NameRules.validateVolumeID(id)
        try NameRules.validateMachineID(machine)
        let now = StoreClock.millis(StoreClock.now())
        return try write("attaching volume \(id) to machine \(machine)") { db in
            try Self.attachVolume(db, volumeID: id, machineID: machine, app: nil, now: now)
        }
    }

    /// Detaches the volume from its machine (nothing happens if it is not attached).
    @discardableResult
    public func detach(volume id: String) throws(StoreError) -> VolumeRecord {
        try NameRules.validateVolumeID(id)
        let now = StoreClock.millis(StoreClock.now())
        return try write("detaching volume \(id)") { db in
            _ = try Self.requireVolume(db, id)
            try db.execute(
                sql: "UPDATE volumes SET attached_machine_id = NULL, updated_at = ? WHERE id = ?", arguments: [now, id])
            return try Self.requireVolume(db, id)
        }
    }

    /// Grows the volume to `sizeGB`. Volumes never shrink, as on Fly.
    @discardableResult
    public func extend(volume id: String, toSizeGB sizeGB: Int) throws(StoreError) -> VolumeRecord {
        try NameRules.validateVolumeID(id)
        try Self.validateSize(sizeGB)
        let now = StoreClock.millis(StoreClock.now())
        return try write("extending volume \(id)") { db in
            let volume = try Self.requireVolume(db, id)
            guard sizeGB > volume.sizeGB else {
                throw StoreError.conflict(
                    "volume \(id) is \(volume.sizeGB) GB; it can only grow, so the new size must be more than "
                        + "\(volume.sizeGB) GB")
            }
            try db.execute(
                sql: "UPDATE volumes SET size_gb = ?, updated_at = ? WHERE id = ?", arguments: [sizeGB, now, id])
            return try Self.requireVolume(db, id)
        }
    }

    /// Records how the volume's data is held (the runtime decides, see `VolumeBacking`).
    @discardableResult
    public func setBacking(volume id: String, _ backing: VolumeBacking) throws(StoreError) -> VolumeRecord {
        try NameRules.validateVolumeID(id)
        let now = StoreClock.millis(StoreClock.now())
        return try write("recording the backing of volume \(id)") { db in
            _ = try Self.requireVolume(db, id)
            try db.execute(
                sql: "UPDATE volumes SET backing = ?, updated_at = ? WHERE id = ?", arguments: [backing.rawValue, now, id])
            return try Self.requireVolume(db, id)
        }
    }

    /// Destroys the volume and deletes its data directory, its image (if any) and its snapshots.
    /// Refused while it is attached: destroy or detach its machine first. An image-backed volume
    /// must be unmounted first (the runtime does it).
    @discardableResult
    public func destroyVolume(id: String) throws(StoreError) -> VolumeRecord {
        try NameRules.validateVolumeID(id)
        let removed = try write("destroying volume \(id)") { db in
            let volume = try Self.requireVolume(db, id)
            if let machine = volume.attachedMachineID {
                throw StoreError.conflict(
                    "volume \(id) is attached to machine \(machine); destroy or detach the machine first")
            }
            try db.execute(sql: "DELETE FROM volumes WHERE id = ?", arguments: [id])
            return volume
        }
        // The row is gone first: a crash here leaves an orphan directory, never a volume without data.
        let expected = location.volumeDirectory(app: removed.app, volumeID: removed.id)
        var leftovers: [String] = []
        if removed.path == expected { leftovers.append(expected) }
        leftovers += [location.volumeImage(volumeID: removed.id), location.snapshotsDirectory + "/" + removed.id]
        for path in leftovers where FileManager.default.fileExists(atPath: path) {
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw .storage("volume \(id) is destroyed but its data at \(path) could not be removed: \(error)")
            }
        }
        return removed
    }

    // MARK: - Shared pieces

    static func validateSize(_ sizeGB: Int) throws(StoreError) {
        guard (1...maxVolumeSizeGB).contains(sizeGB) else {
            throw .invalid("invalid volume size \(sizeGB) GB: expected 1 to \(maxVolumeSizeGB) GB")
        }
    }

    static func fetchVolume(_ db: Database, _ id: String) throws -> VolumeRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM volumes WHERE id = ?", arguments: [id]).map(VolumeRecord.init(row:))
    }

    static func requireVolume(_ db: Database, _ id: String) throws -> VolumeRecord {
        guard let volume = try fetchVolume(db, id) else { throw StoreError.notFound("no volume has id \(id)") }
        return volume
    }

    static func fetchUnattached(_ db: Database, app: String, name: String) throws -> VolumeRecord? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT * FROM volumes WHERE app = ? AND name = ? AND attached_machine_id IS NULL
                ORDER BY created_at, id LIMIT 1
                """,
            arguments: [app, name]
        ).map(VolumeRecord.init(row:))
    }

    static func attachVolume(_ db: Database, volumeID: String, machineID: String, app: String?, now: Int64) throws
        -> VolumeRecord
    {
        let volume = try requireVolume(db, volumeID)
        let machine = try requireMachine(db, machineID)
        if let app, volume.app != app {
            throw StoreError.invalid("volume \(volumeID) belongs to app \(volume.app), not \(app)")
        }
        guard volume.app == machine.app else {
            throw StoreError.invalid(
                "volume \(volumeID) belongs to app \(volume.app) but machine \(machineID) to app \(machine.app)")
        }
        if machine.state.isTerminal {
            throw StoreError.conflict("machine \(machineID) is \(machine.state.rawValue); it cannot take a volume")
        }
        if volume.attachedMachineID == machineID { return volume }
        if let other = volume.attachedMachineID {
            throw StoreError.conflict(
                "volume \(volumeID) is attached to machine \(other); a volume attaches to one machine at a time")
        }
        if let current = machine.volumeID {
            throw StoreError.conflict(
                "machine \(machineID) already has volume \(current); a machine mounts one volume")
        }
        guard let mount = machine.spec.mount else {
            throw StoreError.conflict(
                "machine \(machineID) (group \(machine.group)) has no [[mounts]] entry, so it cannot take a volume")
        }
        guard mount.volume == volume.name else {
            throw StoreError.conflict(
                "machine \(machineID) mounts volumes named \(mount.volume), not \(volume.name)")
        }
        try db.execute(
            sql: "UPDATE volumes SET attached_machine_id = ?, updated_at = ? WHERE id = ?",
            arguments: [machineID, now, volumeID])
        return try requireVolume(db, volumeID)
    }
}
