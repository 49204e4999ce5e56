import Foundation
import GRDB
import HangarCore

/// A state change and the event that records it, committed together.
public struct MachineTransition: Sendable, Equatable {
    public var machine: MachineRecord
    public var event: MachineEvent
}

extension HangarStore {
    /// Records a new machine of `app`'s `group` in state `created`, with a fresh id and version and a
    /// `launch` event, in one transaction. With `volumeID`, the volume (of the same app, unattached)
    /// is attached in the same transaction.
    public func createMachine(
        app: String, group: String, spec: MachineSpec, privateAddress: String? = nil, volumeID: String? = nil,
        source: EventSource = .user
    ) throws(StoreError) -> MachineTransition {
        try NameRules.validateAppName(app)
        try NameRules.validateGroupName(group)
        guard spec.app == app, spec.group == group else {
            throw .invalid(
                "the machine spec is for \(spec.app)/\(spec.group), not \(app)/\(group)")
        }
        try Self.validateAddress(privateAddress)
        if let volumeID { try NameRules.validateVolumeID(volumeID) }
        let specText = try StoreJSON.encode(spec, what: "the machine spec")
        let now = StoreClock.now()
        let nowMillis = StoreClock.millis(now)
        return try write("creating a machine for \(app)") { db in
            _ = try Self.requireApp(db, app)
            var id = Identifiers.machineID()
            var attempts = 1
            while try Bool.fetchOne(db, sql: "SELECT 1 FROM machines WHERE id = ?", arguments: [id]) == true {
                guard attempts < 16 else { throw StoreError.storage("could not find a free machine id") }
                id = Identifiers.machineID()
                attempts += 1
            }
            let version = Identifiers.machineVersion(at: now)
            try db.execute(
                sql: """
                    INSERT INTO machines (id, app, process_group, state, version, spec, private_address,
                        restart_count, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                    """,
                arguments: [id, app, group, MachineState.created.rawValue, version, specText, privateAddress, nowMillis,
                    nowMillis])
            if let volumeID {
                _ = try Self.attachVolume(db, volumeID: volumeID, machineID: id, app: app, now: nowMillis)
            }
            let machine = try Self.requireMachine(db, id)
            let event = try Self.insertEvent(
                db, machine: machine,
                draft: MachineEvent.Draft(.launch, source: source, payload: EventPayload(version: version)),
                at: nowMillis)
            return MachineTransition(machine: machine, event: event)
        }
    }

    /// The machine, or nil if no machine has this id.
    public func machine(id: String) throws(StoreError) -> MachineRecord? {
        try NameRules.validateMachineID(id)
        return try read("reading machine \(id)") { db in try Self.fetchMachine(db, id) }
    }

    /// The app's machines (of one group if given), oldest first; destroyed ones only when asked.
    public func machines(app: String, group: String? = nil, includeDestroyed: Bool = false) throws(StoreError)
        -> [MachineRecord]
    {
        try NameRules.validateAppName(app)
        if let group { try NameRules.validateGroupName(group) }
        return try read("listing the machines of \(app)") { db in
            _ = try Self.requireApp(db, app)
            var sql = MachineRecord.selectSQL + " WHERE machines.app = ?"
            var arguments: StatementArguments = [app]
            if let group {
                sql += " AND machines.process_group = ?"
                arguments += [group]
            }
            if !includeDestroyed { sql += " AND machines.state != 'destroyed'" }
            sql += " ORDER BY machines.created_at, machines.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(MachineRecord.init(row:))
        }
    }

    /// Every machine of every app (what the daemon re-adopts after a restart).
    public func allMachines(includeDestroyed: Bool = false) throws(StoreError) -> [MachineRecord] {
        try read("listing machines") { db in
            let filter = includeDestroyed ? "" : " WHERE machines.state != 'destroyed'"
            return try Row.fetchAll(
                db, sql: MachineRecord.selectSQL + filter + " ORDER BY machines.app, machines.created_at, machines.id"
            ).map(MachineRecord.init(row:))
        }
    }

    /// Moves a machine to `state` and records `event`, atomically: both are written or neither is, and
    /// the event is stored before anyone can be told. `update` may change the runtime fields (pid,
    /// pid start time, exit, restart count and window, private address); id, app, group, spec,
    /// version, volume and creation time are kept. With `expecting`, the change is refused unless the
    /// machine is in one of those states (a compare-and-set). Destroyed and replaced machines never
    /// change. `update` runs inside the transaction: it must not call the store.
    @discardableResult
    public func transition(
        machine id: String, to state: MachineState, event: MachineEvent.Draft,
        expecting: Set<MachineState>? = nil, update: (inout MachineRecord) -> Void = { _ in }
    ) throws(StoreError) -> MachineTransition {
        try transition(machine: id, to: state, event: event, expecting: expecting, update: update, afterStateWrite: { _ in })
    }

    /// `transition`, with a hook that runs between the state write and the event write (tests inject
    /// failures there to prove the two are one transaction).
    func transition(
        machine id: String, to state: MachineState, event: MachineEvent.Draft,
        expecting: Set<MachineState>?, update: (inout MachineRecord) -> Void,
        afterStateWrite: (Database) throws -> Void
    ) throws(StoreError) -> MachineTransition {
        try NameRules.validateMachineID(id)
        let now = StoreClock.now()
        return try write("changing machine \(id) to \(state.rawValue)") { db in
            let before = try Self.requireMachine(db, id)
            try Self.checkChangeable(before, expecting: expecting)
            var record = before
            update(&record)
            record.id = before.id
            record.app = before.app
            record.group = before.group
            record.spec = before.spec
            record.version = before.version
            record.volumeID = before.volumeID
            record.createdAt = before.createdAt
            record.state = state
            record.updatedAt = now
            record = record.normalized
            try Self.validateRuntimeFields(record)
            try Self.saveMachine(db, record)
            try afterStateWrite(db)
            let event = try Self.insertEvent(db, machine: record, draft: event, at: StoreClock.millis(now))
            return MachineTransition(machine: record, event: event)
        }
    }

    /// Gives the machine a new spec and so a new version (Fly's machine update), with an `update` event.
    /// The state is unchanged: the runtime restarts the process and records that as its own transitions.
    @discardableResult
    public func updateMachine(id: String, spec: MachineSpec, source: EventSource = .user) throws(StoreError)
        -> MachineTransition
    {
        try NameRules.validateMachineID(id)
        let specText = try StoreJSON.encode(spec, what: "the machine spec")
        let now = StoreClock.now()
        return try write("updating machine \(id)") { db in
            let before = try Self.requireMachine(db, id)
            try Self.checkChangeable(before, expecting: nil)
            guard spec.app == before.app, spec.group == before.group else {
                throw StoreError.invalid(
                    "the machine spec is for \(spec.app)/\(spec.group), but machine \(id) belongs to "
                        + "\(before.app)/\(before.group)")
            }
            let version = Identifiers.machineVersion(at: now)
            try db.execute(
                sql: "UPDATE machines SET spec = ?, version = ?, updated_at = ? WHERE id = ?",
                arguments: [specText, version, StoreClock.millis(now), id])
            let machine = try Self.requireMachine(db, id)
            let event = try Self.insertEvent(
                db, machine: machine,
                draft: MachineEvent.Draft(.update, source: source, payload: EventPayload(version: version)),
                at: StoreClock.millis(now))
            return MachineTransition(machine: machine, event: event)
        }
    }

    /// Marks the machine destroyed, detaches its volume (which is kept, as on Fly) and records a
    /// `destroy` event. The row and its events stay for `includeDestroyed` listings. The runtime must
    /// have ended the process first.
    @discardableResult
    public func destroyMachine(id: String, source: EventSource = .user) throws(StoreError) -> MachineTransition {
        try NameRules.validateMachineID(id)
        let now = StoreClock.now()
        return try write("destroying machine \(id)") { db in
            var record = try Self.requireMachine(db, id)
            try Self.checkChangeable(record, expecting: nil)
            try db.execute(
                sql: "UPDATE volumes SET attached_machine_id = NULL, updated_at = ? WHERE attached_machine_id = ?",
                arguments: [StoreClock.millis(now), id])
            record.state = .destroyed
            record.pid = nil
            record.pidStartTime = nil
            record.volumeID = nil
            record.updatedAt = now
            try Self.saveMachine(db, record)
            let event = try Self.insertEvent(
                db, machine: record, draft: MachineEvent.Draft(.destroy, source: source), at: StoreClock.millis(now))
            return MachineTransition(machine: record, event: event)
        }
    }

    // MARK: - Shared pieces

    static func fetchMachine(_ db: Database, _ id: String) throws -> MachineRecord? {
        try Row.fetchOne(db, sql: MachineRecord.selectSQL + " WHERE machines.id = ?", arguments: [id])
            .map(MachineRecord.init(row:))
    }

    static func requireMachine(_ db: Database, _ id: String) throws -> MachineRecord {
        guard let machine = try fetchMachine(db, id) else { throw StoreError.notFound("no machine has id \(id)") }
        return machine
    }

    static func checkChangeable(_ machine: MachineRecord, expecting: Set<MachineState>?) throws(StoreError) {
        if machine.state.isTerminal {
            throw .conflict("machine \(machine.id) is \(machine.state.rawValue) and cannot change any more")
        }
        if let expecting, !expecting.contains(machine.state) {
            let names = expecting.map(\.rawValue).sorted().joined(separator: ", ")
            throw .conflict("machine \(machine.id) is \(machine.state.rawValue), expected \(names)")
        }
    }

    static func saveMachine(_ db: Database, _ machine: MachineRecord) throws {
        let columns = machine.mutableColumns
        let assignments = columns.map { "\($0.0) = ?" }.joined(separator: ", ")
        var values = columns.map(\.1)
        values.append(machine.id)
        try db.execute(sql: "UPDATE machines SET \(assignments) WHERE id = ?", arguments: StatementArguments(values))
    }

    static func validateRuntimeFields(_ machine: MachineRecord) throws(StoreError) {
        if let pid = machine.pid, pid <= 0 { throw .invalid("invalid pid \(pid) for machine \(machine.id)") }
        if machine.restartCount < 0 {
            throw .invalid("invalid restart count \(machine.restartCount) for machine \(machine.id)")
        }
        try validateAddress(machine.privateAddress)
        if let reason = machine.exit?.reason, reason.utf8.count > 4096 {
            throw .invalid("the exit reason of machine \(machine.id) is longer than 4096 bytes")
        }
    }

    /// Private addresses are IPv4 or IPv6 literals (digits, hex, dots and colons).
    static func validateAddress(_ address: String?) throws(StoreError) {
        guard let address else { return }
        let allowed = Set("0123456789abcdefABCDEF.:".utf8)
        guard !address.isEmpty, address.utf8.count <= 45, address.utf8.allSatisfy(allowed.contains) else {
            throw .invalid("invalid private address \(NameRules.quoted(address)): expected an IPv4 or IPv6 address")
        }
    }
}
