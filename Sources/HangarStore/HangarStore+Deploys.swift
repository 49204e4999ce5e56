import Foundation
import GRDB

extension HangarStore {
    /// Records a deploy that is starting. Refused (`conflict`) while another deploy of the app is
    /// under way.
    @discardableResult
    public func createDeploy(
        app: String, release: Int, previousRelease: Int?, strategy: String, state: String
    ) throws(StoreError) -> DeployRecord {
        try NameRules.validateAppName(app)
        let now = StoreClock.millis(StoreClock.now())
        return try write("recording a deploy of \(app)") { db in
            _ = try Self.requireApp(db, app)
            if let active = try Self.fetchActiveDeploy(db, app: app) {
                throw StoreError.conflict(
                    "app \(app) is already being deployed (release v\(active.release), \(active.status.rawValue)); "
                        + "wait for it to end")
            }
            try db.execute(
                sql: """
                    INSERT INTO deploys (app, release, previous_release, strategy, status, state, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [app, release, previousRelease, strategy, DeployStatus.running.rawValue, state, now, now])
            let id = db.lastInsertedRowID
            guard let record = try Row.fetchOne(db, sql: "SELECT * FROM deploys WHERE id = ?", arguments: [id])
                .map(DeployRecord.init(row:))
            else { throw StoreError.storage("the new deploy of \(app) could not be read back") }
            return record
        }
    }

    /// Updates a deploy's progress; nil fields stay as they are.
    @discardableResult
    public func updateDeploy(
        id: Int64, status: DeployStatus? = nil, step: String? = nil, message: String? = nil, state: String? = nil
    ) throws(StoreError) -> DeployRecord {
        let now = StoreClock.millis(StoreClock.now())
        return try write("updating deploy \(id)") { db in
            guard var record = try Row.fetchOne(db, sql: "SELECT * FROM deploys WHERE id = ?", arguments: [id])
                .map(DeployRecord.init(row:))
            else { throw StoreError.notFound("no deploy has id \(id)") }
            if let status { record.status = status }
            if let step { record.step = String(step.prefix(2000)) }
            if let message { record.message = String(message.prefix(20000)) }
            if let state { record.state = state }
            try db.execute(
                sql: "UPDATE deploys SET status = ?, step = ?, message = ?, state = ?, updated_at = ? WHERE id = ?",
                arguments: [record.status.rawValue, record.step, record.message, record.state, now, id])
            record.updatedAt = StoreClock.date(now)
            return record
        }
    }

    /// The app's deploys, newest first (at most `limit`).
    public func deploys(app: String, limit: Int = 50) throws(StoreError) -> [DeployRecord] {
        try NameRules.validateAppName(app)
        return try read("listing the deploys of \(app)") { db in
            _ = try Self.requireApp(db, app)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM deploys WHERE app = ? ORDER BY id DESC LIMIT ?",
                arguments: [app, max(1, min(limit, 1000))]
            ).map(DeployRecord.init(row:))
        }
    }

    /// The app's deploy that is under way, if any.
    public func activeDeploy(app: String) throws(StoreError) -> DeployRecord? {
        try NameRules.validateAppName(app)
        return try read("reading the deploy of \(app)") { db in try Self.fetchActiveDeploy(db, app: app) }
    }

    /// Every deploy under way, of every app (for a daemon that restarts).
    public func activeDeploys() throws(StoreError) -> [DeployRecord] {
        try read("listing deploys under way") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM deploys WHERE status IN (?, ?) ORDER BY id",
                arguments: [DeployStatus.running.rawValue, DeployStatus.rollingBack.rawValue]
            ).map(DeployRecord.init(row:))
        }
    }

    static func fetchActiveDeploy(_ db: Database, app: String) throws -> DeployRecord? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM deploys WHERE app = ? AND status IN (?, ?) ORDER BY id DESC LIMIT 1",
            arguments: [app, DeployStatus.running.rawValue, DeployStatus.rollingBack.rawValue]
        ).map(DeployRecord.init(row:))
    }
}
