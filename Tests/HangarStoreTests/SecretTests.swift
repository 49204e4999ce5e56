import Foundation
import GRDB
import Testing

@testable import HangarStore

@Suite struct SecretTests {
    func storeWithApp(_ environment: [String: String] = [:]) throws -> StoreFixture {
        let fixture = try StoreFixture(environment: environment)
        try fixture.store.registerApp(name: "demo")
        return fixture
    }

    @Test func setListUnset() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let change = try store.setSecrets(app: "demo", ["DATABASE_URL": "postgres://u:p@db/x", "TOKEN": "t0k3n"])
        #expect(change.changed == ["DATABASE_URL", "TOKEN"] && change.secretsVersion == 1)
        let listed = try store.secrets(app: "demo")
        #expect(listed.map(\.name) == ["DATABASE_URL", "TOKEN"])
        #expect(listed.allSatisfy { !$0.staged })
        #expect(listed[1].digest == SecretDigest.of("t0k3n"))
        #expect(try store.secretValues(app: "demo") == ["DATABASE_URL": "postgres://u:p@db/x", "TOKEN": "t0k3n"])

        let removed = try store.unsetSecrets(app: "demo", names: ["TOKEN"])
        #expect(removed.removed == ["TOKEN"] && removed.secretsVersion == 2)
        #expect(try store.secretValues(app: "demo") == ["DATABASE_URL": "postgres://u:p@db/x"])
    }

    @Test func digestIsSHA256Prefix() {
        // printf %s hello | sha256sum → 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
        #expect(SecretDigest.of("hello") == "2cf24dba5fb0a30e")
        #expect(SecretDigest.of("") == "e3b0c44298fc1c14")
    }

    @Test func unchangedValuesAreReportedAndKeepTheVersion() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        try store.setSecrets(app: "demo", ["A": "1"])
        let again = try store.setSecrets(app: "demo", ["A": "1", "B": "2"])
        #expect(again.changed == ["B"] && again.unchanged == ["A"] && again.secretsVersion == 2)
        let same = try store.setSecrets(app: "demo", ["A": "1"])
        #expect(same.isEmpty && same.secretsVersion == 2)
    }

    @Test func stagingMarksSecretsUntilDeployed() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        try store.setSecrets(app: "demo", ["LIVE": "1"])
        try store.setSecrets(app: "demo", ["LATER": "2"], stage: true)
        #expect(try store.secrets(app: "demo").map { "\($0.name):\($0.staged)" } == ["LATER:true", "LIVE:false"])
        #expect(try store.secretValues(app: "demo") == ["LIVE": "1", "LATER": "2"])
        #expect(try store.markSecretsDeployed(app: "demo") == ["LATER"])
        #expect(try store.secrets(app: "demo").allSatisfy { !$0.staged })
        // Setting the same value unstaged after staging it is a change (machines must pick it up).
        try store.setSecrets(app: "demo", ["X": "v"], stage: true)
        #expect(try store.setSecrets(app: "demo", ["X": "v"]).changed == ["X"])
    }

    @Test func unsettingAMissingNameRemovesNothing() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        try store.setSecrets(app: "demo", ["A": "1", "B": "2"])
        expectStoreError(.notFound, containing: "no secret named MISSING") {
            try store.unsetSecrets(app: "demo", names: ["A", "MISSING"])
        }
        #expect(try store.secrets(app: "demo").map(\.name) == ["A", "B"])
        expectStoreError(.notFound, containing: "not registered") { try store.setSecrets(app: "ghost", ["A": "1"]) }
        expectStoreError(.invalidInput, containing: "no secrets") { try store.setSecrets(app: "demo", [:]) }
    }

    @Test func secretsAreSealedAtRest() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        let value = "plaintext-needle-7f3c9a"
        try store.setSecrets(app: "demo", ["NEEDLE": value])
        try store.setSecrets(app: "demo", ["OTHER": "second-needle-value"], stage: true)
        let keyText = try String(contentsOfFile: fixture.location.secretKeyPath, encoding: .utf8)
        let key = try SecretKey(base64: keyText)
        let rawKey = key.symmetric.withUnsafeBytes { Array($0) }
        let files = [fixture.location.databasePath, fixture.location.databasePath + "-wal"]
        #expect(!StoreFixture.bytes(files[1]).isEmpty)
        for file in files {
            let bytes = StoreFixture.bytes(file)
            #expect(!bytes.contains(bytes: Array(value.utf8)), "\(file) holds the plaintext")
            #expect(!bytes.contains(bytes: Array("second-needle-value".utf8)), "\(file) holds the plaintext")
            #expect(!bytes.contains(bytes: rawKey), "\(file) holds the key")
            #expect(!bytes.contains(bytes: Array(key.base64.utf8)), "\(file) holds the key")
        }
        try store.close()
        let checkpointed = StoreFixture.bytes(fixture.location.databasePath)
        #expect(!checkpointed.contains(bytes: Array(value.utf8)))
        #expect(!checkpointed.contains(bytes: rawKey))
    }

    @Test func theKeyFileIsPrivateAndKeptApartFromTheDatabase() throws {
        let fixture = try storeWithApp()
        #expect(!FileManager.default.fileExists(atPath: fixture.location.secretKeyPath))
        try fixture.store.setSecrets(app: "demo", ["A": "1"])
        #expect(try StoreFixture.mode(fixture.location.secretKeyPath) == 0o600)
        #expect(fixture.store.secretKeyOrigin == fixture.location.secretKeyPath)
    }

    @Test func swappedBlobsDoNotOpen() throws {
        let fixture = try storeWithApp()
        let store = fixture.store
        try store.registerApp(name: "other")
        try store.setSecrets(app: "demo", ["A": "alpha", "B": "beta"])
        try store.setSecrets(app: "other", ["A": "gamma"])
        try store.write("swap") { db in
            let a = try Data.fetchOne(db, sql: "SELECT sealed FROM secrets WHERE app = 'demo' AND name = 'A'")
            let b = try Data.fetchOne(db, sql: "SELECT sealed FROM secrets WHERE app = 'demo' AND name = 'B'")
            try db.execute(sql: "UPDATE secrets SET sealed = ? WHERE app = 'demo' AND name = 'A'", arguments: [b])
            try db.execute(sql: "UPDATE secrets SET sealed = ? WHERE app = 'demo' AND name = 'B'", arguments: [a])
        }
        expectStoreError(.secretKey, containing: "did not open") { _ = try store.secretValues(app: "demo") }
        // The same name in another app does not open either.
        try store.write("move") { db in
            try db.execute(
                sql: """
                    UPDATE secrets SET sealed = (SELECT sealed FROM secrets WHERE app = 'other' AND name = 'A')
                    WHERE app = 'demo' AND name = 'B'
                    """)
        }
        expectStoreError(.secretKey) { _ = try store.secretValues(app: "demo") }
        #expect(try store.secretValues(app: "other") == ["A": "gamma"])
    }

    @Test func aWrongKeyIsAClearErrorNotACrash() throws {
        let fixture = try storeWithApp()
        try fixture.store.setSecrets(app: "demo", ["A": "1"])
        let wrong = try fixture.reopen(environment: ["HANGAR_SECRET_KEY": SecretKey.generate().base64])
        defer { try? wrong.close() }
        expectStoreError(
            .secretKey,
            containing: "secret key does not match the sealed secrets; set HANGAR_SECRET_KEY to the key used before "
                + "or restore \(fixture.location.secretKeyPath)"
        ) { _ = try wrong.secretValues(app: "demo") }
        // Nothing can be sealed with the wrong key either, so the database never mixes keys.
        expectStoreError(.secretKey, containing: "does not match") { try wrong.setSecrets(app: "demo", ["B": "2"]) }
        #expect(try fixture.store.secrets(app: "demo").map(\.name) == ["A"])
    }

    @Test func aMissingKeyFileIsAClearError() throws {
        let fixture = try storeWithApp()
        try fixture.store.setSecrets(app: "demo", ["A": "1"])
        try FileManager.default.removeItem(atPath: fixture.location.secretKeyPath)
        let message = "is missing; set HANGAR_SECRET_KEY to the key used before or restore "
        expectStoreError(.secretKey, containing: message) { _ = try fixture.store.secretValues(app: "demo") }
        // Setting does not make a fresh key, which would leave the old secrets unreadable.
        expectStoreError(.secretKey, containing: message) { try fixture.store.setSecrets(app: "demo", ["B": "2"]) }
        #expect(!FileManager.default.fileExists(atPath: fixture.location.secretKeyPath))
    }

    @Test func malformedKeysAreClearErrors() throws {
        let fixture = try storeWithApp(["HANGAR_SECRET_KEY": "not base64!"])
        expectStoreError(.secretKey, containing: "HANGAR_SECRET_KEY is not valid base64") {
            try fixture.store.setSecrets(app: "demo", ["A": "1"])
        }
        let short = try storeWithApp(["HANGAR_SECRET_KEY": Data(repeating: 1, count: 16).base64EncodedString()])
        expectStoreError(.secretKey, containing: "16 bytes") { try short.store.setSecrets(app: "demo", ["A": "1"]) }
        #expect(try short.store.secrets(app: "demo").isEmpty)
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let fixture = try storeWithApp()
        try fixture.store.setSecrets(app: "demo", ["A": "1"])
        #expect(chmod(fixture.location.secretKeyPath, 0o644) == 0)
        expectStoreError(.secretKey, containing: "chmod 600") { _ = try fixture.store.secretValues(app: "demo") }
    }

    @Test func theEnvironmentKeyWinsAndNoFileIsWritten() throws {
        let key = SecretKey.generate()
        let fixture = try storeWithApp(["HANGAR_SECRET_KEY": key.base64 + "\n"])
        try fixture.store.setSecrets(app: "demo", ["A": "1"])
        #expect(!FileManager.default.fileExists(atPath: fixture.location.secretKeyPath))
        #expect(fixture.store.secretKeyOrigin == "HANGAR_SECRET_KEY")
        let blob = try fixture.store.read("blob") { db in
            try Data.fetchOne(db, sql: "SELECT sealed FROM secrets WHERE name = 'A'")
        }
        let sealer = SecretSealer(key: key, keyFile: "")
        #expect(try sealer.open(try #require(blob), app: "demo", name: "A") == "1")
    }

    @Test func secretValuesOfAnAppWithoutSecretsNeedNoKey() throws {
        let fixture = try storeWithApp()
        #expect(try fixture.store.secretValues(app: "demo").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.location.secretKeyPath))
    }
}
