import Foundation
import GRDB
import HangarCore

/// A machine as stored: identity, state, what it runs, and what the runtime needs to re-adopt its
/// process after a daemon crash.
public struct MachineRecord: Sendable, Equatable, Codable {
    /// 14 lowercase hex characters, stable for the machine's life.
    public var id: String
    public var app: String
    public var group: String
    public var state: MachineState
    /// The version (Fly's `instance_id`, `FLY_MACHINE_VERSION`): a ULID, new for every spec change.
    public var version: String
    public var spec: MachineSpec
    public var privateAddress: String?
    /// The attached volume (owned by the volume's row: see `attach(volume:to:)`).
    public var volumeID: String?
    /// The machine's init process, while one runs.
    public var pid: Int32?
    /// Field 22 of `/proc/<pid>/stat` (start time in clock ticks since boot) when the process started:
    /// with `pid`, it tells the process apart from a later one that reuses the pid.
    public var pidStartTime: UInt64?
    public var exit: MachineExit?
    /// Restarts counted in the current window (the `[[restart]]` budget).
    public var restartCount: Int
    public var restartWindowStart: Date?
    public var createdAt: Date
    public var updatedAt: Date

    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        app = try row.decode(forColumn: "app")
        group = try row.decode(forColumn: "process_group")
        let stateText: String = try row.decode(forColumn: "state")
        guard let state = MachineState(rawValue: stateText) else {
            throw StoreError.storage("machine \(id) has an unknown state \(NameRules.quoted(stateText))")
        }
        self.state = state
        version = try row.decode(forColumn: "version")
        let specText: String = try row.decode(forColumn: "spec")
        spec = try StoreJSON.decode(MachineSpec.self, from: specText, what: "the spec of machine \(id)")
        privateAddress = try row.decode(forColumn: "private_address")
        volumeID = try row.decode(forColumn: "volume_id")
        pid = try row.decode(forColumn: "pid")
        let startTime: Int64? = try row.decode(forColumn: "pid_start_time")
        pidStartTime = startTime.map { UInt64(bitPattern: $0) }
        let exitedAt: Int64? = try row.decode(forColumn: "exited_at")
        if let exitedAt {
            exit = MachineExit(
                code: try row.decode(forColumn: "exit_code"),
                signal: try row.decode(forColumn: "exit_signal"),
                oomKilled: try row.decode(Bool?.self, forColumn: "exit_oom") ?? false,
                requestedStop: try row.decode(Bool?.self, forColumn: "exit_requested") ?? false,
                reason: try row.decode(forColumn: "exit_reason"),
                exitedAt: StoreClock.date(exitedAt))
        } else {
            exit = nil
        }
        restartCount = try row.decode(forColumn: "restart_count")
        let windowStart: Int64? = try row.decode(forColumn: "restart_window_start")
        restartWindowStart = windowStart.map(StoreClock.date)
        createdAt = StoreClock.date(try row.decode(forColumn: "created_at"))
        updatedAt = StoreClock.date(try row.decode(forColumn: "updated_at"))
    }

    /// The record with its times cut to whole milliseconds, as they are stored.
    var normalized: MachineRecord {
        var copy = self
        copy.updatedAt = StoreClock.date(StoreClock.millis(updatedAt))
        copy.createdAt = StoreClock.date(StoreClock.millis(createdAt))
        copy.restartWindowStart = restartWindowStart.map { StoreClock.date(StoreClock.millis($0)) }
        copy.exit?.exitedAt = StoreClock.date(StoreClock.millis(exit?.exitedAt ?? Date()))
        return copy
    }

    /// The columns `UPDATE machines` writes (everything but id, app, group and created_at; the volume
    /// lives on the volume's row).
    var mutableColumns: [(String, (any DatabaseValueConvertible)?)] {
        [
            ("state", state.rawValue),
            ("version", version),
            ("private_address", privateAddress),
            ("pid", pid),
            ("pid_start_time", pidStartTime.map { Int64(bitPattern: $0) }),
            ("exit_code", exit?.code),
            ("exit_signal", exit?.signal),
            ("exit_oom", exit.map(\.oomKilled)),
            ("exit_requested", exit.map(\.requestedStop)),
            ("exit_reason", exit?.reason),
            ("exited_at", exit.map { StoreClock.millis($0.exitedAt) }),
            ("restart_count", restartCount),
            ("restart_window_start", restartWindowStart.map(StoreClock.millis)),
            ("updated_at", StoreClock.millis(updatedAt)),
        ]
    }

    /// The query every machine read goes through: the row plus its volume.
    static let selectSQL = """
        SELECT machines.*, volumes.id AS volume_id FROM machines
        LEFT JOIN volumes ON volumes.attached_machine_id = machines.id
        """
}
