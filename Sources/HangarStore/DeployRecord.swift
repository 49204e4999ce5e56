import Foundation
import GRDB

/// A deploy of one release as stored: what it moves from and to, where it stands, and the runtime's
/// own record of its progress (`state`, JSON the runtime defines), so a daemon that restarts in the
/// middle can finish or undo it.
public struct DeployRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var app: String
    /// The release being deployed.
    public var release: Int
    /// The release the app ran before (nil for its first).
    public var previousRelease: Int?
    public var strategy: String
    public var status: DeployStatus
    /// What it is doing now (`2/4: replace 1 machine: ...`).
    public var step: String
    /// Why it failed, or what it did in the end.
    public var message: String
    public var state: String
    public var createdAt: Date
    public var updatedAt: Date

    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        app = try row.decode(forColumn: "app")
        release = try row.decode(forColumn: "release")
        previousRelease = try row.decode(forColumn: "previous_release")
        strategy = try row.decode(forColumn: "strategy")
        let statusText: String = try row.decode(forColumn: "status")
        guard let status = DeployStatus(rawValue: statusText) else {
            throw StoreError.storage("deploy \(id) of \(app) has an unknown status \(NameRules.quoted(statusText))")
        }
        self.status = status
        step = try row.decode(forColumn: "step")
        message = try row.decode(forColumn: "message")
        state = try row.decode(forColumn: "state")
        createdAt = StoreClock.date(try row.decode(forColumn: "created_at"))
        updatedAt = StoreClock.date(try row.decode(forColumn: "updated_at"))
    }
}

/// Where a deploy stands.
public enum DeployStatus: String, Sendable, Codable, CaseIterable {
    /// Replacing machines.
    case running
    /// Failed, and putting the previous release back.
    case rollingBack = "rolling_back"
    /// Every machine runs the release.
    case succeeded
    /// Failed and left as it was (no rollback, or the rollback failed too).
    case failed
    /// Failed, and the previous release was put back.
    case rolledBack = "rolled_back"

    /// Still under way (a daemon that restarts must finish or undo it).
    public var isActive: Bool { self == .running || self == .rollingBack }
}
