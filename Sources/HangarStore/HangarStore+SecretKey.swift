import Foundation
import GRDB

/// What a key rotation did.
public struct SecretKeyRotation: Sendable, Equatable {
    /// How many secrets were re-sealed with the new key.
    public var resealed: Int
    /// The key file now holding the new key; nil when the key comes from `$HANGAR_SECRET_KEY`, which the
    /// operator must now change to the new key (`newKeyBase64`).
    public var keyFile: String?
    public var newKeyBase64: String
}

extension HangarStore {
    /// Where the secret key comes from: `HANGAR_SECRET_KEY` or the key file's path.
    public var secretKeyOrigin: String { keys.origin }

    /// Re-seals every secret with `newKey` in one transaction, then makes `newKey` the key in use.
    ///
    /// With a key file, the new key is first written to `secret.key.next` (0600, flushed), the
    /// database is re-sealed, and the file is renamed over `secret.key`. A crash at any point leaves a
    /// working pair: before the commit the old key still opens everything (the `.next` file is
    /// discarded by the next write); after it, the next use of the store finds that `secret.key` no
    /// longer opens the secrets but `secret.key.next` does, and finishes the rename.
    ///
    /// With `$HANGAR_SECRET_KEY`, the database is re-sealed and the caller must set the variable to the
    /// new key before the next start.
    @discardableResult
    public func rotateSecretKey(to newKey: SecretKey) throws(StoreError) -> SecretKeyRotation {
        let usesFile = !keys.usesEnvironment
        var wrotePending = false
        let resealed: Int
        do {
            resealed = try write("re-sealing secrets with the new key") { db in
                let old = try activeSealer(db, create: true)
                guard let old else { throw StoreError.storage("no secret key is available") }
                guard old.key != newKey else {
                    throw StoreError(.secretKey, "the new secret key is the key already in use")
                }
                if usesFile {
                    try keys.writePending(newKey)
                    wrotePending = true
                }
                let new = SecretSealer(key: newKey, keyFile: keys.origin)
                var count = 0
                for row in try Row.fetchAll(db, sql: "SELECT app, name, sealed FROM secrets") {
                    let app: String = try row.decode(forColumn: "app")
                    let name: String = try row.decode(forColumn: "name")
                    let blob: Data = try row.decode(forColumn: "sealed")
                    let value = try old.open(blob, app: app, name: name)
                    try db.execute(
                        sql: "UPDATE secrets SET sealed = ? WHERE app = ? AND name = ?",
                        arguments: [try new.seal(value, app: app, name: name), app, name])
                    count += 1
                }
                try Self.storeKeyCheck(db, sealer: new)
                return count
            }
        } catch {
            if wrotePending { keys.discardPending() }
            throw error
        }
        if usesFile {
            do {
                try keys.promotePending()
            } catch {
                // Another process may already have finished the rename; all is well if the key file
                // now holds the new key.
                guard (try? keys.current()) == newKey else { throw error }
            }
        }
        return SecretKeyRotation(
            resealed: resealed, keyFile: usesFile ? location.secretKeyPath : nil, newKeyBase64: newKey.base64)
    }

    /// Deletes every sealed secret of every app and forgets the key check: the way out when the key
    /// is lost for good. The next `setSecrets` seals with whatever key is then in use. Returns how many
    /// secrets were deleted.
    @discardableResult
    public func discardAllSecrets() throws(StoreError) -> Int {
        let now = StoreClock.millis(StoreClock.now())
        return try write("discarding every secret") { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM secrets") ?? 0
            try db.execute(
                sql: """
                    UPDATE apps SET secrets_version = secrets_version + 1, updated_at = ?
                    WHERE name IN (SELECT DISTINCT app FROM secrets)
                    """,
                arguments: [now])
            try db.execute(sql: "DELETE FROM secrets")
            try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [Self.keyCheckSetting])
            return count
        }
    }

    // MARK: - Finding the key

    static let keyCheckSetting = "secret_key_check"
    static let keyCheckValue = "hangar secret key check"
    /// Sealed like a secret named `key_check` of an app with an empty name, which no real app can have.
    static let keyCheckApp = ""
    static let keyCheckName = "key_check"

    /// The sealer for the key that opens this database's secrets, checked against a sealed canary
    /// (`settings.secret_key_check`), so a wrong key is reported before anything is sealed with it.
    /// With `create` (write transactions only), a missing key file is created and the canary written.
    /// Nil when no secret was ever sealed and `create` is false.
    func activeSealer(_ db: Database, create: Bool) throws -> SecretSealer? {
        let check = try Data.fetchOne(
            db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [Self.keyCheckSetting])
        let current = try keys.current()
        guard let check else {
            guard create else { return current.map { SecretSealer(key: $0, keyFile: keys.origin) } }
            let sealer = SecretSealer(key: try current ?? keys.currentOrCreate(), keyFile: keys.origin)
            try Self.storeKeyCheck(db, sealer: sealer)
            return sealer
        }
        if let current, Self.opensKeyCheck(check, key: current) {
            // In a write transaction no rotation is half-way, so a `.next` file is a leftover.
            if create { keys.discardPending() }
            return SecretSealer(key: current, keyFile: keys.origin)
        }
        if !keys.usesEnvironment {
            if let pending = try keys.pending(), Self.opensKeyCheck(check, key: pending) {
                // A rotation committed but stopped before renaming its key into place: finish it. Another
                // process may finish it at the same moment; then the key file already holds this key.
                do {
                    try keys.promotePending()
                } catch {
                    guard (try? keys.current()) == pending else { throw error }
                }
                return SecretSealer(key: pending, keyFile: keys.origin)
            }
            // Another process may have just finished a rotation and replaced the key file.
            if let again = try keys.current(), again != current, Self.opensKeyCheck(check, key: again) {
                return SecretSealer(key: again, keyFile: keys.origin)
            }
        }
        if create, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM secrets") == 0 {
            // Nothing is sealed with the old key any more (every secret was unset after a key was lost):
            // start over with the key at hand.
            let sealer = SecretSealer(key: try current ?? keys.currentOrCreate(), keyFile: keys.origin)
            try Self.storeKeyCheck(db, sealer: sealer)
            return sealer
        }
        if current == nil {
            throw StoreError(
                .secretKey,
                "the secrets are sealed but \(keys.origin) is missing; set HANGAR_SECRET_KEY to the key used "
                    + "before or restore \(location.secretKeyPath)")
        }
        throw StoreError.keyMismatch(keyFile: location.secretKeyPath, detail: "checked with \(keys.origin)")
    }

    static func storeKeyCheck(_ db: Database, sealer: SecretSealer) throws {
        let blob = try sealer.seal(keyCheckValue, app: keyCheckApp, name: keyCheckName)
        try db.execute(
            sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [keyCheckSetting, blob])
    }

    static func opensKeyCheck(_ blob: Data, key: SecretKey) -> Bool {
        let sealer = SecretSealer(key: key, keyFile: "")
        return (try? sealer.open(blob, app: keyCheckApp, name: keyCheckName)) == keyCheckValue
    }
}
