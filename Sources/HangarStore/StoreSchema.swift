import GRDB

/// The schema, as versioned migrations. A released migration never changes; later versions append
/// new ones (`v2`, ...), and `DatabaseMigrator` applies the missing ones in order when the store opens.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2-restart-unhealthy", migrate: v2RestartUnhealthy)
        migrator.registerMigration("v2-volume-backing", migrate: v2VolumeBacking)
        migrator.registerMigration("v2_deploys", migrate: v2Deploys)
        migrator.registerMigration("api-tokens", migrate: apiTokens)
        migrator.registerMigration("scale-guests", migrate: scaleGuests)
        return migrator
    }

    static func v1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE apps (
                    name TEXT PRIMARY KEY NOT NULL,
                    config_path TEXT,
                    directory TEXT,
                    secrets_version INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );

                CREATE TABLE scale (
                    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                    process_group TEXT NOT NULL,
                    count INTEGER NOT NULL CHECK (count >= 0),
                    PRIMARY KEY (app, process_group)
                );

                CREATE TABLE machines (
                    id TEXT PRIMARY KEY NOT NULL,
                    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                    process_group TEXT NOT NULL,
                    state TEXT NOT NULL,
                    version TEXT NOT NULL,
                    spec TEXT NOT NULL,
                    private_address TEXT,
                    pid INTEGER,
                    pid_start_time INTEGER,
                    exit_code INTEGER,
                    exit_signal INTEGER,
                    exit_oom INTEGER,
                    exit_requested INTEGER,
                    exit_reason TEXT,
                    exited_at INTEGER,
                    restart_count INTEGER NOT NULL DEFAULT 0,
                    restart_window_start INTEGER,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX machines_by_app ON machines(app, process_group);

                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                    machine_id TEXT NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
                    type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    source TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    timestamp INTEGER NOT NULL
                );
                CREATE INDEX events_by_machine ON events(machine_id, id);
                CREATE INDEX events_by_app ON events(app, id);

                CREATE TABLE volumes (
                    id TEXT PRIMARY KEY NOT NULL,
                    app TEXT NOT NULL REFERENCES apps(name) ON DELETE RESTRICT,
                    name TEXT NOT NULL,
                    size_gb INTEGER NOT NULL CHECK (size_gb >= 1),
                    attached_machine_id TEXT REFERENCES machines(id) ON DELETE SET NULL,
                    path TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX volumes_by_name ON volumes(app, name);
                CREATE UNIQUE INDEX volumes_one_per_machine ON volumes(attached_machine_id)
                    WHERE attached_machine_id IS NOT NULL;

                CREATE TABLE secrets (
                    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    sealed BLOB NOT NULL,
                    digest TEXT NOT NULL,
                    staged INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (app, name)
                );

                CREATE TABLE releases (
                    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    config TEXT NOT NULL,
                    digest TEXT NOT NULL,
                    status TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (app, version)
                );

                CREATE TABLE settings (
                    key TEXT PRIMARY KEY NOT NULL,
                    value BLOB NOT NULL
                );
                """)
    }

    /// `hangar up --restart-unhealthy`, kept with the app.
    static func v2RestartUnhealthy(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE apps ADD COLUMN restart_unhealthy INTEGER NOT NULL DEFAULT 0")
    }

    /// How a volume's data is held (`directory` or a loop-mounted `image`), and its snapshots.
    static func v2VolumeBacking(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE volumes ADD COLUMN backing TEXT NOT NULL DEFAULT 'directory';

                CREATE TABLE volume_snapshots (
                    id TEXT PRIMARY KEY NOT NULL,
                    volume_id TEXT NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
                    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                    size_gb INTEGER NOT NULL,
                    stored_bytes INTEGER NOT NULL,
                    backing TEXT NOT NULL,
                    path TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX volume_snapshots_by_volume ON volume_snapshots(volume_id, created_at);
                """)
    }

    /// Releases say what they were and who made them, and keep the plan they ran; deploys record
    /// their progress so a restarted daemon can finish or undo one.
    static func v2Deploys(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE releases ADD COLUMN description TEXT NOT NULL DEFAULT '';
                ALTER TABLE releases ADD COLUMN user TEXT NOT NULL DEFAULT '';
                ALTER TABLE releases ADD COLUMN plan TEXT;

                CREATE TABLE deploys (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                    release INTEGER NOT NULL,
                    previous_release INTEGER,
                    strategy TEXT NOT NULL,
                    status TEXT NOT NULL,
                    step TEXT NOT NULL DEFAULT '',
                    message TEXT NOT NULL DEFAULT '',
                    state TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX deploys_by_app ON deploys(app, id);
                """)
    }

    /// API tokens for the TCP listener: only the SHA-256 of each token is kept.
    static func apiTokens(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE api_tokens (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    last_used_at INTEGER,
                    revoked_at INTEGER
                );
                """)
    }

    /// Per-group VM size and memory set by `hangar scale vm` and `hangar scale memory`.
    static func scaleGuests(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE scale_guests (
                    app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                    process_group TEXT NOT NULL,
                    preset TEXT,
                    memory_mb INTEGER,
                    PRIMARY KEY (app, process_group)
                );
                """)
    }
}
