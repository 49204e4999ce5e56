import Foundation
import GRDB
import Testing

@testable import HangarStore

@Suite struct KeyRotationTests {
    let values = ["DATABASE_URL": "postgres://u:p@db/x", "TOKEN": "t0k3n", "EMPTY": ""]

    func storeWithSecrets(_ environment: [String: String] = [:]) throws -> StoreFixture {
        let fixture = try StoreFixture(environment: environment)
        try fixture.store.registerApp(name: "demo")
        try fixture.store.registerApp(name: "other")
        try fixture.store.setSecrets(app: "demo", values)
        try fixture.store.setSecrets(app: "other", ["A": "1"], stage: true)
        return fixture
    }

    func keyFile(_ fixture: StoreFixture) throws -> SecretKey {
        try SecretKey(base64: try String(contentsOfFile: fixture.location.secretKeyPath, encoding: .utf8))
    }

    @Test func rotationReSealsEverySecretAndReplacesTheKeyFile() throws {
        let fixture = try storeWithSecrets()
        let old = try keyFile(fixture)
        let digestsBefore = try fixture.store.secrets(app: "demo")
        let new = SecretKey.generate()
        let rotation = try fixture.store.rotateSecretKey(to: new)
        #expect(rotation.resealed == 4)
        #expect(rotation.keyFile == fixture.location.secretKeyPath)
        #expect(try keyFile(fixture) == new)
        #expect(try StoreFixture.mode(fixture.location.secretKeyPath) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: fixture.location.pendingSecretKeyPath))
        // Values, digests and staging are intact.
        #expect(try fixture.store.secretValues(app: "demo") == values)
        #expect(try fixture.store.secrets(app: "demo") == digestsBefore)
        #expect(try fixture.store.secrets(app: "other").map(\.staged) == [true])
        // The new key opens them from a fresh process; the old one does not.
        let withNew = try fixture.reopen(environment: ["HANGAR_SECRET_KEY": new.base64])
        defer { try? withNew.close() }
        #expect(try withNew.secretValues(app: "demo") == values)
        let withOld = try fixture.reopen(environment: ["HANGAR_SECRET_KEY": old.base64])
        defer { try? withOld.close() }
        expectStoreError(.secretKey, containing: "does not match") { _ = try withOld.secretValues(app: "demo") }
        // And every blob really is sealed with the new key.
        let blobs = try fixture.store.read("blobs") { db in
            try Row.fetchAll(db, sql: "SELECT app, name, sealed FROM secrets")
        }
        for row in blobs {
            let app: String = row["app"]
            let name: String = row["name"]
            let blob: Data = row["sealed"]
            #expect(throws: StoreError.self) {
                _ = try SecretSealer(key: old, keyFile: "").open(blob, app: app, name: name)
            }
            _ = try SecretSealer(key: new, keyFile: "").open(blob, app: app, name: name)
        }
    }

    @Test func rotatingToTheSameKeyIsRefused() throws {
        let fixture = try storeWithSecrets()
        let current = try keyFile(fixture)
        expectStoreError(.secretKey, containing: "already in use") { try fixture.store.rotateSecretKey(to: current) }
        #expect(try fixture.store.secretValues(app: "demo") == values)
    }

    @Test func rotationWithAWrongKeyChangesNothing() throws {
        let fixture = try storeWithSecrets()
        let wrong = try fixture.reopen(environment: ["HANGAR_SECRET_KEY": SecretKey.generate().base64])
        defer { try? wrong.close() }
        expectStoreError(.secretKey, containing: "does not match") { try wrong.rotateSecretKey(to: .generate()) }
        #expect(try fixture.store.secretValues(app: "demo") == values)
    }

    @Test func rotationWithAnEnvironmentKeyLeavesTheVariableToTheOperator() throws {
        let old = SecretKey.generate()
        let fixture = try storeWithSecrets(["HANGAR_SECRET_KEY": old.base64])
        let new = SecretKey.generate()
        let rotation = try fixture.store.rotateSecretKey(to: new)
        #expect(rotation.keyFile == nil && rotation.newKeyBase64 == new.base64)
        #expect(!FileManager.default.fileExists(atPath: fixture.location.secretKeyPath))
        let next = try fixture.reopen(environment: ["HANGAR_SECRET_KEY": new.base64])
        defer { try? next.close() }
        #expect(try next.secretValues(app: "demo") == values)
    }

    @Test func aRotationInterruptedAfterItsCommitIsFinishedOnNextUse() throws {
        let fixture = try storeWithSecrets()
        let old = try keyFile(fixture)
        let new = SecretKey.generate()
        try fixture.store.rotateSecretKey(to: new)
        // Put the files back as they were between the commit and the rename.
        try FileManager.default.removeItem(atPath: fixture.location.secretKeyPath)
        try PrivateFile.writeNew(fixture.location.secretKeyPath, SecretKeyStore.fileBytes(old))
        try PrivateFile.writeNew(fixture.location.pendingSecretKeyPath, SecretKeyStore.fileBytes(new))
        let next = try fixture.reopen()
        defer { try? next.close() }
        #expect(try next.secretValues(app: "demo") == values)
        #expect(try keyFile(fixture) == new)
        #expect(!FileManager.default.fileExists(atPath: fixture.location.pendingSecretKeyPath))
    }

    @Test func aRotationInterruptedBeforeItsCommitKeepsTheOldKey() throws {
        let fixture = try storeWithSecrets()
        let old = try keyFile(fixture)
        try PrivateFile.writeNew(fixture.location.pendingSecretKeyPath, SecretKeyStore.fileBytes(.generate()))
        #expect(try fixture.store.secretValues(app: "demo") == values)
        try fixture.store.setSecrets(app: "demo", ["NEW": "n"])
        #expect(try keyFile(fixture) == old)
        #expect(!FileManager.default.fileExists(atPath: fixture.location.pendingSecretKeyPath))
    }
}

@Suite struct LostKeyTests {
    @Test func afterALostKeyTheSecretsCanBeDiscardedAndSetAgain() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.registerApp(name: "demo")
        try store.setSecrets(app: "demo", ["A": "1", "B": "2"])
        try FileManager.default.removeItem(atPath: fixture.location.secretKeyPath)
        expectStoreError(.secretKey, containing: "missing") { try store.setSecrets(app: "demo", ["C": "3"]) }
        #expect(try store.discardAllSecrets() == 2)
        #expect(try store.secrets(app: "demo").isEmpty)
        try store.setSecrets(app: "demo", ["C": "3"])
        #expect(try store.secretValues(app: "demo") == ["C": "3"])
        #expect(FileManager.default.fileExists(atPath: fixture.location.secretKeyPath))
    }

    @Test func unsettingEverySecretAlsoLetsANewKeyStartOver() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.registerApp(name: "demo")
        try store.setSecrets(app: "demo", ["A": "1"])
        let other = try fixture.reopen(environment: ["HANGAR_SECRET_KEY": SecretKey.generate().base64])
        defer { try? other.close() }
        expectStoreError(.secretKey, containing: "does not match") { try other.setSecrets(app: "demo", ["B": "2"]) }
        try other.unsetSecrets(app: "demo", names: ["A"])
        try other.setSecrets(app: "demo", ["B": "2"])
        #expect(try other.secretValues(app: "demo") == ["B": "2"])
        // The first key no longer matches what is sealed now.
        expectStoreError(.secretKey, containing: "does not match") { _ = try store.secretValues(app: "demo") }
    }
}
