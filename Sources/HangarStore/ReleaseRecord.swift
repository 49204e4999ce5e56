import Foundation
import GRDB

/// A numbered release of an app: the config it ran and a digest of its content (kept minimal until
/// deploys need more).
public struct ReleaseRecord: Sendable, Equatable, Codable {
    public var app: String
    /// 1, 2, 3, ... per app.
    public var version: Int
    /// The release's config as JSON (an object).
    public var config: String
    /// A digest of the release's content (config and app files), chosen by the caller.
    public var digest: String
    public var status: ReleaseStatus
    /// What made it (`deploy`, `up`, `rollback to v3`), as flyctl's DESCRIPTION column.
    public var description: String
    /// Who made it (the daemon's user, or the API caller's name).
    public var user: String
    /// The plan it ran (JSON of HangarCore's `Plan`), for rollbacks; nil for releases made before
    /// plans were kept.
    public var plan: String?
    public var createdAt: Date
    public var updatedAt: Date

    init(row: Row) throws {
        app = try row.decode(forColumn: "app")
        version = try row.decode(forColumn: "version")
        config = try row.decode(forColumn: "config")
        digest = try row.decode(forColumn: "digest")
        let statusText: String = try row.decode(forColumn: "status")
        guard let status = ReleaseStatus(rawValue: statusText) else {
            throw StoreError.storage("release \(version) of \(app) has an unknown status \(NameRules.quoted(statusText))")
        }
        self.status = status
        description = try row.decode(forColumn: "description")
        user = try row.decode(forColumn: "user")
        plan = try row.decode(forColumn: "plan")
        createdAt = StoreClock.date(try row.decode(forColumn: "created_at"))
        updatedAt = StoreClock.date(try row.decode(forColumn: "updated_at"))
    }
}

/// Where a release stands.
public enum ReleaseStatus: String, Sendable, Codable, CaseIterable {
    case pending
    case running
    case complete
    case failed
    case rolledBack = "rolled_back"
}
