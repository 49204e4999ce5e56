import GRDB
import HangarCore

/// `hangar scale vm` and `hangar scale memory`: a VM preset and memory per process group, read back
/// with the counts by `scale(app:)` (as `GroupScale.guests`), so every plan applies them.
extension HangarStore {
    /// Sets the preset and/or memory of `groups` (a nil field keeps what was set); returns the whole scale.
    /// Setting a preset clears a memory set before it, as `fly scale vm` resets memory to the preset's.
    @discardableResult
    public func setGuestScale(app: String, groups: [String], preset: String?, memoryMB: Int?) throws(StoreError)
        -> GroupScale
    {
        try NameRules.validateAppName(app)
        guard !groups.isEmpty else { throw .invalid("no process group given") }
        guard preset != nil || memoryMB != nil else { throw .invalid("nothing to set: give a VM size or a memory size") }
        for group in groups { try NameRules.validateGroupName(group) }
        do throws(PlanError) {
            try GuestOverride.validate(preset: preset, memoryMB: memoryMB)
        } catch {
            throw .invalid(error.message)
        }
        return try write("setting the VM of \(app)") { db in
            _ = try Self.requireApp(db, app)
            for group in groups {
                let existing = try Row.fetchOne(
                    db, sql: "SELECT preset, memory_mb FROM scale_guests WHERE app = ? AND process_group = ?",
                    arguments: [app, group])
                var newPreset: String? = try existing?.decode(forColumn: "preset")
                var newMemory: Int? = try existing?.decode(forColumn: "memory_mb")
                if let preset {
                    newPreset = preset
                    newMemory = nil
                }
                if let memoryMB { newMemory = memoryMB }
                try db.execute(
                    sql: """
                        INSERT INTO scale_guests (app, process_group, preset, memory_mb) VALUES (?, ?, ?, ?)
                        ON CONFLICT(app, process_group) DO UPDATE SET preset = excluded.preset,
                            memory_mb = excluded.memory_mb
                        """,
                    arguments: [app, group, newPreset, newMemory])
            }
            var scale = try Self.fetchScale(db, app)
            scale.guests = try Self.fetchGuests(db, app)
            return scale
        }
    }

    /// The VM overrides of `app`, by group.
    public func guestScale(app: String) throws(StoreError) -> [String: GuestOverride] {
        try NameRules.validateAppName(app)
        return try read("reading the VM of \(app)") { db in
            _ = try Self.requireApp(db, app)
            return try Self.fetchGuests(db, app)
        }
    }

    static func fetchGuests(_ db: Database, _ app: String) throws -> [String: GuestOverride] {
        var guests: [String: GuestOverride] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT process_group, preset, memory_mb FROM scale_guests WHERE app = ?", arguments: [app])
        {
            guests[try row.decode(forColumn: "process_group")] = GuestOverride(
                preset: try row.decode(forColumn: "preset"), memoryMB: try row.decode(forColumn: "memory_mb"))
        }
        return guests
    }
}
