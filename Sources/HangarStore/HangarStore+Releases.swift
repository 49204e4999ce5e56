import Foundation
import GRDB

extension HangarStore {
    /// Records the app's next release (version = last + 1). `config` must be a JSON object; `digest`
    /// 1 to 128 characters of letters, digits, `:`, `_` and `-` (e.g. `sha256:...`).
    @discardableResult
    public func createRelease(
        app: String, config: String, digest: String, status: ReleaseStatus = .pending, description: String = "",
        user: String = "", plan: String? = nil
    ) throws(StoreError) -> ReleaseRecord {
        try NameRules.validateAppName(app)
        try Self.validateReleaseConfig(config)
        try Self.validateDigest(digest)
        let now = StoreClock.millis(StoreClock.now())
        return try write("recording a release of \(app)") { db in
            _ = try Self.requireApp(db, app)
            let last = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM releases WHERE app = ?", arguments: [app]) ?? 0
            try db.execute(
                sql: """
                    INSERT INTO releases (app, version, config, digest, status, description, user, plan,
                        created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    app, last + 1, config, digest, status.rawValue, String(description.prefix(500)),
                    String(user.prefix(100)), plan, now, now,
                ])
            return try Self.requireRelease(db, app: app, version: last + 1)
        }
    }

    /// The app's releases, newest first.
    public func releases(app: String) throws(StoreError) -> [ReleaseRecord] {
        try NameRules.validateAppName(app)
        return try read("listing the releases of \(app)") { db in
            _ = try Self.requireApp(db, app)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM releases WHERE app = ? ORDER BY version DESC", arguments: [app]
            ).map(ReleaseRecord.init(row:))
        }
    }

    /// One release, or nil if the app has no such version.
    public func release(app: String, version: Int) throws(StoreError) -> ReleaseRecord? {
        try NameRules.validateAppName(app)
        return try read("reading release \(version) of \(app)") { db in
            _ = try Self.requireApp(db, app)
            return try Self.fetchRelease(db, app: app, version: version)
        }
    }

    /// Sets a release's status.
    @discardableResult
    public func setReleaseStatus(app: String, version: Int, to status: ReleaseStatus) throws(StoreError)
        -> ReleaseRecord
    {
        try NameRules.validateAppName(app)
        let now = StoreClock.millis(StoreClock.now())
        return try write("updating release \(version) of \(app)") { db in
            _ = try Self.requireRelease(db, app: app, version: version)
            try db.execute(
                sql: "UPDATE releases SET status = ?, updated_at = ? WHERE app = ? AND version = ?",
                arguments: [status.rawValue, now, app, version])
            return try Self.requireRelease(db, app: app, version: version)
        }
    }

    static func fetchRelease(_ db: Database, app: String, version: Int) throws -> ReleaseRecord? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM releases WHERE app = ? AND version = ?", arguments: [app, version]
        ).map(ReleaseRecord.init(row:))
    }

    static func requireRelease(_ db: Database, app: String, version: Int) throws -> ReleaseRecord {
        _ = try requireApp(db, app)
        guard let release = try fetchRelease(db, app: app, version: version) else {
            throw StoreError.notFound("app \(app) has no release \(version)")
        }
        return release
    }

    static func validateReleaseConfig(_ config: String) throws(StoreError) {
        guard config.utf8.count <= 16 * 1024 * 1024,
            let object = try? JSONSerialization.jsonObject(with: Data(config.utf8)),
            object is [String: Any]
        else {
            throw .invalid("a release config must be a JSON object (at most 16 MiB)")
        }
    }

    static func validateDigest(_ digest: String) throws(StoreError) {
        let bytes = Array(digest.utf8)
        guard !bytes.isEmpty, bytes.count <= 128,
            bytes.allSatisfy({
                NameRules.isLetter($0) || NameRules.isDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "_")
                    || $0 == UInt8(ascii: "-")
            })
        else {
            throw .invalid(
                "invalid release digest \(NameRules.quoted(digest)): use 1 to 128 letters, digits, ':', '_' and '-'")
        }
    }
}
