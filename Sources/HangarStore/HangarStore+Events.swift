import Foundation
import GRDB

extension HangarStore {
    /// Records an event that does not change the machine's state (its status is the current state).
    /// State changes go through `transition`, which writes their event itself.
    @discardableResult
    public func appendEvent(machine id: String, event: MachineEvent.Draft) throws(StoreError) -> MachineEvent {
        try NameRules.validateMachineID(id)
        let now = StoreClock.millis(StoreClock.now())
        return try write("recording an event of machine \(id)") { db in
            let machine = try Self.requireMachine(db, id)
            return try Self.insertEvent(db, machine: machine, draft: event, at: now)
        }
    }

    /// The machine's events, newest first (as `fly machine status` shows them).
    public func events(machine id: String, limit: Int = 100) throws(StoreError) -> [MachineEvent] {
        try NameRules.validateMachineID(id)
        let limit = try Self.validateLimit(limit)
        return try read("reading the events of machine \(id)") { db in
            _ = try Self.requireMachine(db, id)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM events WHERE machine_id = ? ORDER BY id DESC LIMIT ?", arguments: [id, limit]
            ).map(MachineEvent.init(row:))
        }
    }

    /// The app's events after the event id `after` (0 for all), oldest first: a cursor for following.
    public func events(app: String, after: Int64 = 0, limit: Int = 1000) throws(StoreError) -> [MachineEvent] {
        try NameRules.validateAppName(app)
        let limit = try Self.validateLimit(limit)
        return try read("reading the events of \(app)") { db in
            _ = try Self.requireApp(db, app)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM events WHERE app = ? AND id > ? ORDER BY id LIMIT ?",
                arguments: [app, after, limit]
            ).map(MachineEvent.init(row:))
        }
    }

    /// Deletes all but the newest `keepingPerMachine` events of each machine (a crash-looping machine
    /// would otherwise grow the log without bound). Returns how many were deleted.
    @discardableResult
    public func pruneEvents(keepingPerMachine keep: Int = 1000) throws(StoreError) -> Int {
        guard (1...1_000_000).contains(keep) else {
            throw .invalid("invalid number of events to keep \(keep): expected 1 to 1000000")
        }
        return try write("pruning events") { db in
            try db.execute(
                sql: """
                    DELETE FROM events WHERE id IN (
                        SELECT id FROM (
                            SELECT id, ROW_NUMBER() OVER (PARTITION BY machine_id ORDER BY id DESC) AS position
                            FROM events
                        ) WHERE position > ?
                    )
                    """,
                arguments: [keep])
            return db.changesCount
        }
    }

    /// Forgets machines destroyed before `date`, with their events (Fly lists destroyed machines for a
    /// while, then drops them). Returns how many were removed.
    @discardableResult
    public func purgeDestroyedMachines(before date: Date) throws(StoreError) -> Int {
        try write("purging destroyed machines") { db in
            try db.execute(
                sql: "DELETE FROM machines WHERE state = 'destroyed' AND updated_at < ?",
                arguments: [StoreClock.millis(date)])
            return db.changesCount
        }
    }

    static func validateLimit(_ limit: Int) throws(StoreError) -> Int {
        guard (1...100_000).contains(limit) else { throw .invalid("invalid limit \(limit): expected 1 to 100000") }
        return limit
    }

    static func insertEvent(_ db: Database, machine: MachineRecord, draft: MachineEvent.Draft, at millis: Int64) throws
        -> MachineEvent
    {
        try EventLabel.validate(draft.type.rawValue, what: "event type")
        try EventLabel.validate(draft.source.rawValue, what: "event source")
        if let reason = draft.payload.reason, reason.utf8.count > 4096 {
            throw StoreError.invalid("the event reason is longer than 4096 bytes")
        }
        let payload = try StoreJSON.encode(draft.payload, what: "the event payload")
        try db.execute(
            sql: """
                INSERT INTO events (app, machine_id, type, status, source, payload, timestamp)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [machine.app, machine.id, draft.type.rawValue, machine.state.rawValue, draft.source.rawValue,
                payload, millis])
        return MachineEvent(
            id: db.lastInsertedRowID, app: machine.app, machineID: machine.id, type: draft.type, status: machine.state,
            source: draft.source, payload: draft.payload, timestamp: StoreClock.date(millis))
    }
}
