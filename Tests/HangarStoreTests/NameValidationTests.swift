import Foundation
import Testing

@testable import HangarStore

@Suite struct NameValidationTests {
    static let hostile = ["../x", "A", "", String(repeating: "a", count: 64), "café", "app/x", "-app", "app-", "a b",
        "a\u{0}b", "a\nb", "a_b"]

    @Test(arguments: hostile) func badAppNamesAreRefusedAndNothingIsWritten(name: String) throws {
        let fixture = try StoreFixture()
        expectStoreError(.invalidInput, containing: "invalid app name") {
            try fixture.store.registerApp(name: name)
        }
        #expect(try fixture.store.apps().isEmpty)
    }

    @Test(arguments: ["a", "my-app-1", "0x", String(repeating: "a", count: 63)])
    func goodAppNamesAreAccepted(name: String) throws {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: name)
        #expect(try fixture.store.apps().map(\.name) == [name])
    }

    @Test func messagesQuoteHostileNamesSafely() {
        do {
            try NameRules.validateAppName("x\u{1B}[31m\nrm -rf")
            Issue.record("accepted")
        } catch {
            #expect(!error.message.contains("\u{1B}"))
            #expect(!error.message.contains("\n"))
            #expect(error.message.contains(#"\u{1B}"#))
        }
        do {
            try NameRules.validateAppName(String(repeating: "z", count: 10_000))
            Issue.record("accepted")
        } catch {
            #expect(error.message.count < 300)
        }
    }

    @Test(arguments: ["../x", "/", "a/b", "", "Data", "my-data", String(repeating: "d", count: 31), "données", ".."])
    func badVolumeNamesAreRefusedAndNothingIsWritten(name: String) throws {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        expectStoreError(.invalidInput, containing: "invalid volume name") {
            _ = try fixture.store.createVolume(app: "demo", name: name)
        }
        #expect(try fixture.store.volumes(app: "demo").isEmpty)
        let entries = try FileManager.default.contentsOfDirectory(atPath: fixture.location.volumesDirectory)
        #expect(entries.isEmpty)
    }

    @Test(arguments: ["data", "pg_data", "v1", String(repeating: "d", count: 30)])
    func goodVolumeNamesAreAccepted(name: String) throws {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        let volume = try fixture.store.createVolume(app: "demo", name: name)
        #expect(volume.name == name)
    }

    @Test(arguments: ["", "1TOKEN", "MY-KEY", "A B", "../x", "ÉCOLE", "A=B", String(repeating: "K", count: 257)])
    func badSecretNamesAreRefusedAndNothingIsWritten(name: String) throws {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        expectStoreError(.invalidInput, containing: "invalid secret name") {
            try fixture.store.setSecrets(app: "demo", ["GOOD": "1", name: "2"])
        }
        #expect(try fixture.store.secrets(app: "demo").isEmpty)
        #expect(try fixture.store.app(named: "demo")?.secretsVersion == 0)
    }

    @Test(arguments: ["DATABASE_URL", "_private", "a", "Mixed_Case_9"])
    func goodSecretNamesAreAccepted(name: String) throws {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        try fixture.store.setSecrets(app: "demo", [name: "v"])
        #expect(try fixture.store.secrets(app: "demo").map(\.name) == [name])
    }

    @Test func secretValuesThatCannotBeEnvironmentVariablesAreRefused() throws {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        expectStoreError(.invalidInput, containing: "NUL") {
            try fixture.store.setSecrets(app: "demo", ["A": "x\u{0}y"])
        }
        expectStoreError(.invalidInput, containing: "at most") {
            try fixture.store.setSecrets(app: "demo", ["A": String(repeating: "x", count: 200_000)])
        }
        #expect(try fixture.store.secrets(app: "demo").isEmpty)
    }

    @Test(arguments: ["", "3D8D9A1C2E4F56", "3d8d9a1c2e4f5", "3d8d9a1c2e4f567", "../../etc/pwd", "zzzzzzzzzzzzzz"])
    func badMachineIDsAreRefused(id: String) throws {
        let fixture = try StoreFixture()
        expectStoreError(.invalidInput, containing: "machine id") { _ = try fixture.store.machine(id: id) }
        expectStoreError(.invalidInput, containing: "machine id") {
            try fixture.store.transition(machine: id, to: .started, event: .init(.start))
        }
    }

    @Test func unknownButWellFormedIDsAreNotFound() throws {
        let fixture = try StoreFixture()
        #expect(try fixture.store.machine(id: "00000000000000") == nil)
        #expect(try fixture.store.volume(id: "vol_0000000000000000") == nil)
        expectStoreError(.notFound, containing: "no machine") {
            try fixture.store.transition(machine: "00000000000000", to: .started, event: .init(.start))
        }
        expectStoreError(.invalidInput, containing: "volume id") { _ = try fixture.store.volume(id: "vol_../x") }
    }
}
