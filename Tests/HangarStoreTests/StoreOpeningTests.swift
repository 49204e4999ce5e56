import Foundation
import Testing

@testable import HangarStore

@Suite struct StoreOpeningTests {
    @Test func homeComesFromHangarHomeFirst() throws {
        let location = try StoreLocation.resolve(
            environment: ["HANGAR_HOME": "/srv/hangar/", "HOME": "/home/ann"], effectiveUserID: 0)
        #expect(location.home == "/srv/hangar")
        #expect(location.databasePath == "/srv/hangar/hangar.db")
        #expect(location.secretKeyPath == "/srv/hangar/secret.key")
    }

    @Test func rootUsesVarLib() throws {
        let location = try StoreLocation.resolve(environment: ["HOME": "/root"], effectiveUserID: 0)
        #expect(location.home == "/var/lib/hangar")
    }

    @Test func usersUseTheirDataDirectory() throws {
        let location = try StoreLocation.resolve(environment: ["HOME": "/home/ann"], effectiveUserID: 1000)
        #expect(location.home == "/home/ann/.local/share/hangar")
    }

    @Test func relativeOrMissingHomesAreRefused() {
        expectStoreError(.invalidInput, containing: "absolute") {
            _ = try StoreLocation.resolve(environment: ["HANGAR_HOME": "state"], effectiveUserID: 1000)
        }
        expectStoreError(.invalidInput, containing: "HANGAR_HOME") {
            _ = try StoreLocation.resolve(environment: [:], effectiveUserID: 1000)
        }
    }

    @Test func openingCreatesPrivateDirectoriesAndDatabase() throws {
        let parent = try StoreFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let home = parent + "/nested/state"
        let store = try HangarStore.open(at: StoreLocation(home: home), environment: [:])
        defer { try? store.close() }
        #expect(try StoreFixture.mode(parent + "/nested") == 0o700)
        #expect(try StoreFixture.mode(home) == 0o700)
        #expect(try StoreFixture.mode(home + "/volumes") == 0o700)
        #expect(try StoreFixture.mode(home + "/hangar.db") == 0o600)
        _ = try store.registerApp(name: "demo")
        #expect(try StoreFixture.mode(home + "/hangar.db-wal") == 0o600)
    }

    @Test func databaseIsInWALModeWithMigrationsApplied() throws {
        let fixture = try StoreFixture()
        #expect(try fixture.store.journalMode() == "wal")
        #expect(try fixture.store.appliedMigrations() == ["v1", "v2_deploys"])
        let pragmas = try fixture.store.read("pragmas") { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA synchronous"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(pragmas.0 == 1)  // NORMAL
        #expect(pragmas.1 == 1)
    }

    @Test func reopeningKeepsDataAndMigratesNothingTwice() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.registerApp(name: "demo", configPath: "/src/demo/fly.toml", directory: "/src/demo")
        try fixture.store.close()
        let again = try fixture.reopen()
        defer { try? again.close() }
        #expect(try again.appliedMigrations() == ["v1", "v2_deploys"])
        let app = try #require(try again.app(named: "demo"))
        #expect(app.configPath == "/src/demo/fly.toml")
        #expect(app.directory == "/src/demo")
    }

    @Test func aHomeThatIsAFileIsAClearError() throws {
        let parent = try StoreFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        _ = FileManager.default.createFile(atPath: parent + "/file", contents: Data())
        expectStoreError(.storage, containing: "not a directory") {
            _ = try HangarStore.open(at: StoreLocation(home: parent + "/file"), environment: [:])
        }
    }

    @Test func aDamagedDatabaseIsAClearError() throws {
        let home = try StoreFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let garbage = Data(repeating: 0x41, count: 8192)
        #expect(FileManager.default.createFile(atPath: home + "/hangar.db", contents: garbage))
        expectStoreError(.storage, containing: "hangar.db") {
            _ = try HangarStore.open(at: StoreLocation(home: home), environment: [:])
        }
    }

    @Test func aDatabaseFromANewerHangarIsRefused() throws {
        let fixture = try StoreFixture()
        try fixture.store.write("future migration") { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        expectStoreError(.storage, containing: "newer Hangar") { _ = try fixture.reopen() }
    }
}
