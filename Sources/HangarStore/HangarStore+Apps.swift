import Foundation
import GRDB

extension HangarStore {
    /// Registers an app, or updates its config path and directory if it exists (its machines,
    /// volumes, secrets and releases are kept).
    @discardableResult
    public func registerApp(name: String, configPath: String? = nil, directory: String? = nil) throws(StoreError)
        -> AppRecord
    {
        try NameRules.validateAppName(name)
        try Self.validatePath(configPath, what: "config path")
        try Self.validatePath(directory, what: "app directory")
        let now = StoreClock.millis(StoreClock.now())
        return try write("registering app \(name)") { db in
            try db.execute(
                sql: """
                    INSERT INTO apps (name, config_path, directory, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET config_path = excluded.config_path,
                        directory = excluded.directory, updated_at = excluded.updated_at
                    """,
                arguments: [name, configPath, directory, now, now])
            return try Self.requireApp(db, name)
        }
    }

    /// Turns restarting of unhealthy machines on or off for the app (`hangar up --restart-unhealthy`).
    @discardableResult
    public func setRestartUnhealthy(app: String, _ enabled: Bool) throws(StoreError) -> AppRecord {
        try NameRules.validateAppName(app)
        let now = StoreClock.millis(StoreClock.now())
        return try write("setting restart-unhealthy of \(app)") { db in
            _ = try Self.requireApp(db, app)
            try db.execute(
                sql: "UPDATE apps SET restart_unhealthy = ?, updated_at = ? WHERE name = ?",
                arguments: [enabled ? 1 : 0, now, app])
            return try Self.requireApp(db, app)
        }
    }

    /// The app, or nil if it is not registered.
    public func app(named name: String) throws(StoreError) -> AppRecord? {
        try NameRules.validateAppName(name)
        return try read("reading app \(name)") { db in try Self.fetchApp(db, name) }
    }

    /// Every registered app, by name.
    public func apps() throws(StoreError) -> [AppRecord] {
        try read("listing apps") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM apps ORDER BY name").map(AppRecord.init(row:))
        }
    }

    /// Forgets an app with its scale, secrets, releases, destroyed machines and events. Refused while it
    /// has machines that are not destroyed, or volumes (destroy them first: they hold data).
    public func deleteApp(name: String) throws(StoreError) {
        try NameRules.validateAppName(name)
        try write("deleting app \(name)") { db in
            _ = try Self.requireApp(db, name)
            let live =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM machines WHERE app = ? AND state != 'destroyed'", arguments: [name])
                ?? 0
            if live > 0 {
                throw StoreError.conflict("app \(name) still has \(live) machine(s); destroy them before deleting the app")
            }
            let volumes = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM volumes WHERE app = ?", arguments: [name]) ?? 0
            if volumes > 0 {
                throw StoreError.conflict(
                    "app \(name) still has \(volumes) volume(s); destroy them before deleting the app")
            }
            try db.execute(sql: "DELETE FROM apps WHERE name = ?", arguments: [name])
        }
    }

    static func fetchApp(_ db: Database, _ name: String) throws -> AppRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM apps WHERE name = ?", arguments: [name]).map(AppRecord.init(row:))
    }

    static func requireApp(_ db: Database, _ name: String) throws -> AppRecord {
        guard let app = try fetchApp(db, name) else {
            throw StoreError.notFound("app \(name) is not registered (run `hangar up` in its directory first)")
        }
        return app
    }

    static func validatePath(_ path: String?, what: String) throws(StoreError) {
        guard let path else { return }
        guard !path.isEmpty, path.utf8.count <= 4096, !path.utf8.contains(0) else {
            throw .invalid("invalid \(what) \(NameRules.quoted(path)): expected a file system path")
        }
    }
}
