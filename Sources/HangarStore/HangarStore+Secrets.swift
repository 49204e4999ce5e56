import Foundation
import GRDB

extension HangarStore {
    /// Sets secrets of `app`, sealed (see `SecretSealer`). With `stage`, they are marked staged: stored,
    /// but not yet rolled out to machines (`fly secrets set --stage`). A value equal to the stored one
    /// (with the same staging) is reported unchanged. Every name and value is checked before anything
    /// is written; the whole call is one transaction.
    @discardableResult
    public func setSecrets(app: String, _ values: [String: String], stage: Bool = false) throws(StoreError)
        -> SecretsChange
    {
        try NameRules.validateAppName(app)
        guard !values.isEmpty else { throw .invalid("no secrets given: expected NAME=VALUE pairs") }
        let names = values.keys.sorted()
        for name in names {
            try NameRules.validateSecretName(name)
            try NameRules.validateSecretValue(values[name] ?? "", name: name)
        }
        let now = StoreClock.millis(StoreClock.now())
        return try write("setting secrets of \(app)") { db in
            _ = try Self.requireApp(db, app)
            guard let sealer = try activeSealer(db, create: true) else {
                throw StoreError(.secretKey, "no secret key is available")
            }
            var changed: [String] = []
            var unchanged: [String] = []
            for name in names {
                let value = values[name] ?? ""
                let existing = try Row.fetchOne(
                    db, sql: "SELECT sealed, staged FROM secrets WHERE app = ? AND name = ?", arguments: [app, name])
                if let existing {
                    let blob: Data = try existing.decode(forColumn: "sealed")
                    let wasStaged: Bool = try existing.decode(forColumn: "staged")
                    if try sealer.open(blob, app: app, name: name) == value, wasStaged == stage {
                        unchanged.append(name)
                        continue
                    }
                }
                try db.execute(
                    sql: """
                        INSERT INTO secrets (app, name, sealed, digest, staged, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(app, name) DO UPDATE SET sealed = excluded.sealed, digest = excluded.digest,
                            staged = excluded.staged, updated_at = excluded.updated_at
                        """,
                    arguments: [app, name, try sealer.seal(value, app: app, name: name), SecretDigest.of(value), stage,
                        now, now])
                changed.append(name)
            }
            let version = try Self.bumpSecretsVersion(db, app: app, changed: !changed.isEmpty, now: now)
            return SecretsChange(changed: changed, unchanged: unchanged, removed: [], secretsVersion: version)
        }
    }

    /// Removes secrets of `app`. Refused, with nothing removed, if any name is not set.
    @discardableResult
    public func unsetSecrets(app: String, names: [String]) throws(StoreError) -> SecretsChange {
        try NameRules.validateAppName(app)
        guard !names.isEmpty else { throw .invalid("no secret names given") }
        for name in names { try NameRules.validateSecretName(name) }
        let unique = Array(Set(names)).sorted()
        let now = StoreClock.millis(StoreClock.now())
        return try write("unsetting secrets of \(app)") { db in
            _ = try Self.requireApp(db, app)
            let present = Set(
                try String.fetchAll(db, sql: "SELECT name FROM secrets WHERE app = ?", arguments: [app]))
            let missing = unique.filter { !present.contains($0) }
            if !missing.isEmpty {
                throw StoreError.notFound(
                    "app \(app) has no secret named \(missing.joined(separator: ", ")); nothing was removed")
            }
            for name in unique {
                try db.execute(sql: "DELETE FROM secrets WHERE app = ? AND name = ?", arguments: [app, name])
            }
            let version = try Self.bumpSecretsVersion(db, app: app, changed: true, now: now)
            return SecretsChange(changed: [], unchanged: [], removed: unique, secretsVersion: version)
        }
    }

    /// Name, digest, dates and staging of each secret of `app`, by name. Never the values.
    public func secrets(app: String) throws(StoreError) -> [SecretInfo] {
        try NameRules.validateAppName(app)
        return try read("listing the secrets of \(app)") { db in
            _ = try Self.requireApp(db, app)
            return try Row.fetchAll(
                db, sql: "SELECT name, digest, staged, created_at, updated_at FROM secrets WHERE app = ? ORDER BY name",
                arguments: [app]
            ).map { row in
                SecretInfo(
                    name: try row.decode(forColumn: "name"), digest: try row.decode(forColumn: "digest"),
                    createdAt: StoreClock.date(try row.decode(forColumn: "created_at")),
                    updatedAt: StoreClock.date(try row.decode(forColumn: "updated_at")),
                    staged: try row.decode(forColumn: "staged"))
            }
        }
    }

    /// The decrypted values of `app`'s secrets, staged ones included (a machine that starts gets the
    /// latest). For the runtime, which puts them in machine environments; never print them.
    public func secretValues(app: String) throws(StoreError) -> [String: String] {
        try NameRules.validateAppName(app)
        return try read("opening the secrets of \(app)") { db in
            _ = try Self.requireApp(db, app)
            let rows = try Row.fetchAll(db, sql: "SELECT name, sealed FROM secrets WHERE app = ?", arguments: [app])
            if rows.isEmpty { return [:] }
            guard let sealer = try activeSealer(db, create: false) else {
                throw StoreError(
                    .secretKey,
                    "the secrets are sealed but \(keys.origin) is missing; set HANGAR_SECRET_KEY to the key used "
                        + "before or restore \(location.secretKeyPath)")
            }
            var values: [String: String] = [:]
            for row in rows {
                let name: String = try row.decode(forColumn: "name")
                values[name] = try sealer.open(try row.decode(forColumn: "sealed"), app: app, name: name)
            }
            return values
        }
    }

    /// Clears the staged mark of every secret of `app`, once the machines run with them
    /// (`fly secrets deploy`). Returns the names that were staged.
    @discardableResult
    public func markSecretsDeployed(app: String) throws(StoreError) -> [String] {
        try NameRules.validateAppName(app)
        return try write("marking the secrets of \(app) deployed") { db in
            _ = try Self.requireApp(db, app)
            let staged = try String.fetchAll(
                db, sql: "SELECT name FROM secrets WHERE app = ? AND staged = 1 ORDER BY name", arguments: [app])
            try db.execute(sql: "UPDATE secrets SET staged = 0 WHERE app = ?", arguments: [app])
            return staged
        }
    }

    static func bumpSecretsVersion(_ db: Database, app: String, changed: Bool, now: Int64) throws -> Int {
        if changed {
            try db.execute(
                sql: "UPDATE apps SET secrets_version = secrets_version + 1, updated_at = ? WHERE name = ?",
                arguments: [now, app])
        }
        return try Int.fetchOne(db, sql: "SELECT secrets_version FROM apps WHERE name = ?", arguments: [app]) ?? 0
    }
}
