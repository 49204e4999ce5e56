import Foundation
import GRDB

/// Hangar's durable state: one SQLite database in WAL mode (`<home>/hangar.db`), read by many and
/// written by one connection at a time. Every write is one transaction; every method that takes user
/// input validates it first and throws a `StoreError` without writing anything.
///
/// Methods are synchronous: SQLite answers in microseconds to milliseconds, and readers never wait
/// for the writer (WAL). The store is `Sendable` and may be shared by every actor of the daemon.
public final class HangarStore: Sendable {
    public let location: StoreLocation
    let pool: DatabasePool
    let keys: SecretKeyStore

    init(location: StoreLocation, pool: DatabasePool, keys: SecretKeyStore) {
        self.location = location
        self.pool = pool
        self.keys = keys
    }

    /// Opens (creating if needed) the store at `location`: creates the directories (0700) and the
    /// database (0600), switches to WAL with `synchronous=NORMAL`, foreign keys on and a busy timeout,
    /// and applies any missing migration. `environment` supplies `HANGAR_SECRET_KEY`.
    public static func open(
        at location: StoreLocation,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> HangarStore {
        try location.prepare()
        // SQLite gives `-wal` and `-shm` the mode of the database file, so all three are private.
        try PrivateFile.createIfMissing(location.databasePath)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "hangar"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: location.databasePath, configuration: configuration)
            let migrator = StoreSchema.migrator
            if try pool.read(migrator.hasBeenSuperseded) {
                throw StoreError.storage(
                    "\(location.databasePath) was written by a newer Hangar (it has migrations this version does not "
                        + "know); run that version or a later one")
            }
            try migrator.migrate(pool)
        } catch {
            throw StoreError.wrapping(error, while: "opening \(location.databasePath)")
        }
        return HangarStore(
            location: location, pool: pool,
            keys: SecretKeyStore(location: location, environmentKey: environment["HANGAR_SECRET_KEY"]))
    }

    /// Opens the store at the default location (`$HANGAR_HOME`, `/var/lib/hangar` for root, else
    /// `~/.local/share/hangar`).
    public static func open(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> HangarStore {
        try open(at: StoreLocation.resolve(environment: environment), environment: environment)
    }

    /// Closes every connection (SQLite then checkpoints the WAL into the database file).
    public func close() throws(StoreError) {
        do { try pool.close() } catch { throw StoreError.wrapping(error, while: "closing the database") }
    }

    /// The applied migrations, oldest first (`["v1"]` today).
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read("reading the migrations") { db in try StoreSchema.migrator.appliedMigrations(db) }
    }

    /// SQLite's `journal_mode` (always `wal`).
    public func journalMode() throws(StoreError) -> String {
        try read("reading the journal mode") { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
        }
    }

    // MARK: - Transactions

    /// Runs `body` in one write transaction; any thrown error rolls it back.
    func write<T>(_ action: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrapping(error, while: action) }
    }

    /// Runs `body` on a reader connection, which sees the last committed state even while a write is
    /// under way.
    func read<T>(_ action: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrapping(error, while: action) }
    }
}
