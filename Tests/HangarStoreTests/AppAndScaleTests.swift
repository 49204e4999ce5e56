import Foundation
import HangarCore
import Testing

@testable import HangarStore

@Suite struct AppAndScaleTests {
    @Test func registerUpdatesInPlace() throws {
        let fixture = try StoreFixture()
        let first = try fixture.store.registerApp(name: "demo", configPath: "/a/fly.toml", directory: "/a")
        let second = try fixture.store.registerApp(name: "demo", configPath: "/b/fly.toml", directory: "/b")
        #expect(second.createdAt == first.createdAt)
        #expect(second.configPath == "/b/fly.toml")
        #expect(try fixture.store.apps().map(\.name) == ["demo"])
    }

    @Test func scaleMergesGroupsAndPersists() throws {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        #expect(try fixture.store.scale(app: "demo") == GroupScale())
        try fixture.store.setScale(app: "demo", counts: ["web": 3, "worker": 2])
        let scale = try fixture.store.setScale(app: "demo", counts: ["worker": 0])
        #expect(scale == GroupScale(["web": 3, "worker": 0]))
        let again = try fixture.reopen()
        defer { try? again.close() }
        #expect(try again.scale(app: "demo").count(for: "web") == 3)
        #expect(try again.scale(app: "demo").count(for: "other") == 1)
    }

    @Test func badScaleChangesNothing() throws {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        expectStoreError(.invalidInput, containing: "expected 0 to 1000") {
            try fixture.store.setScale(app: "demo", counts: ["web": 2, "worker": -1])
        }
        expectStoreError(.invalidInput, containing: "process group") {
            try fixture.store.setScale(app: "demo", counts: ["web": 2, "../x": 1])
        }
        expectStoreError(.notFound, containing: "not registered") {
            try fixture.store.setScale(app: "ghost", counts: ["web": 2])
        }
        #expect(try fixture.store.scale(app: "demo") == GroupScale())
    }

    @Test func deletingAnAppIsRefusedWhileItHasMachinesOrVolumes() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.registerApp(name: "demo")
        let machine = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine
        expectStoreError(.conflict, containing: "machine") { try store.deleteApp(name: "demo") }
        try store.destroyMachine(id: machine.id)
        let volume = try store.createVolume(app: "demo", name: "data")
        expectStoreError(.conflict, containing: "volume") { try store.deleteApp(name: "demo") }
        try store.destroyVolume(id: volume.id)
        try store.setSecrets(app: "demo", ["TOKEN": "x"])
        try store.deleteApp(name: "demo")
        #expect(try store.app(named: "demo") == nil)
        #expect(try store.allMachines(includeDestroyed: true).isEmpty)
    }

    @Test func releasesAreNumberedPerApp() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.registerApp(name: "demo")
        try store.registerApp(name: "other")
        let one = try store.createRelease(app: "demo", config: #"{"app":"demo"}"#, digest: "sha256:abc")
        let two = try store.createRelease(app: "demo", config: #"{"app":"demo","v":2}"#, digest: "sha256:def")
        let first = try store.createRelease(app: "other", config: "{}", digest: "d1")
        #expect([one.version, two.version, first.version] == [Int]([1, 2, 1]))
        try store.setReleaseStatus(app: "demo", version: 1, to: .complete)
        #expect(try store.releases(app: "demo").map(\.version) == [2, 1])
        #expect(try store.release(app: "demo", version: 1)?.status == .complete)
        expectStoreError(.invalidInput, containing: "JSON object") {
            try store.createRelease(app: "demo", config: "[1]", digest: "x")
        }
        expectStoreError(.invalidInput, containing: "digest") {
            try store.createRelease(app: "demo", config: "{}", digest: "a b")
        }
        expectStoreError(.notFound, containing: "release 9") {
            try store.setReleaseStatus(app: "demo", version: 9, to: .failed)
        }
        #expect(try store.releases(app: "demo").count == 2)
    }
}
