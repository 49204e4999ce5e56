import Foundation
import Testing

@testable import HangarStore

@Suite struct VolumeTests {
    func fixtureWithDBMachines(_ count: Int) throws -> (StoreFixture, [String]) {
        let fixture = try StoreFixture()
        try fixture.store.registerApp(name: "demo")
        let spec = try Specs.spec(group: "db")
        let ids = try (0..<count).map { _ in
            try fixture.store.createMachine(app: "demo", group: "db", spec: spec).machine.id
        }
        return (fixture, ids)
    }

    @Test func creatingMakesAPrivateDataDirectory() throws {
        let (fixture, _) = try fixtureWithDBMachines(0)
        let volume = try fixture.store.createVolume(app: "demo", name: "data", sizeGB: 2)
        #expect(volume.id.hasPrefix("vol_") && volume.sizeGB == 2 && volume.attachedMachineID == nil)
        #expect(volume.path == fixture.location.home + "/volumes/demo/" + volume.id)
        #expect(try StoreFixture.mode(volume.path) == 0o700)
        #expect(try fixture.store.volumes(app: "demo") == [volume])
        #expect(try fixture.store.volume(id: volume.id) == volume)
    }

    @Test func sizesOutsideFlysRangeAreRefused() throws {
        let (fixture, _) = try fixtureWithDBMachines(0)
        for size in [0, -1, 501] {
            expectStoreError(.invalidInput, containing: "1 to 500") {
                _ = try fixture.store.createVolume(app: "demo", name: "data", sizeGB: size)
            }
        }
        expectStoreError(.notFound, containing: "not registered") {
            _ = try fixture.store.createVolume(app: "ghost", name: "data")
        }
        #expect(try fixture.store.volumes(app: "demo").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.location.volumesDirectory + "/ghost"))
    }

    @Test func attachIsExclusiveBothWays() throws {
        let (fixture, machines) = try fixtureWithDBMachines(2)
        let store = fixture.store
        let first = try store.createVolume(app: "demo", name: "data")
        let second = try store.createVolume(app: "demo", name: "data")
        let attached = try store.attach(volume: first.id, to: machines[0])
        #expect(attached.attachedMachineID == machines[0])
        #expect(try store.machine(id: machines[0])?.volumeID == first.id)
        // Attaching again to the same machine is a no-op.
        #expect(try store.attach(volume: first.id, to: machines[0]) == attached)
        expectStoreError(.conflict, containing: "attached to machine \(machines[0])") {
            try store.attach(volume: first.id, to: machines[1])
        }
        expectStoreError(.conflict, containing: "already has volume") {
            try store.attach(volume: second.id, to: machines[0])
        }
        #expect(try store.volume(id: second.id)?.attachedMachineID == nil)
        try store.detach(volume: first.id)
        #expect(try store.machine(id: machines[0])?.volumeID == nil)
        try store.attach(volume: first.id, to: machines[1])
        #expect(try store.machine(id: machines[1])?.volumeID == first.id)
    }

    @Test func attachChecksTheAppAndTheMount() throws {
        let (fixture, machines) = try fixtureWithDBMachines(1)
        let store = fixture.store
        let web = try store.createMachine(app: "demo", group: "web", spec: try Specs.spec()).machine
        let logs = try store.createVolume(app: "demo", name: "logs")
        let data = try store.createVolume(app: "demo", name: "data")
        expectStoreError(.conflict, containing: "no [[mounts]]") { try store.attach(volume: data.id, to: web.id) }
        expectStoreError(.conflict, containing: "mounts volumes named data, not logs") {
            try store.attach(volume: logs.id, to: machines[0])
        }
        try store.registerApp(name: "other")
        let foreign = try store.createVolume(app: "other", name: "data")
        expectStoreError(.invalidInput, containing: "belongs to app other") {
            try store.attach(volume: foreign.id, to: machines[0])
        }
        expectStoreError(.notFound, containing: "no machine") { try store.attach(volume: data.id, to: "0123456789abcd") }
        #expect(try store.volumes(app: "demo").allSatisfy { $0.attachedMachineID == nil })
    }

    @Test func extendOnlyGrows() throws {
        let (fixture, _) = try fixtureWithDBMachines(0)
        let volume = try fixture.store.createVolume(app: "demo", name: "data", sizeGB: 3)
        expectStoreError(.conflict, containing: "only grow") { try fixture.store.extend(volume: volume.id, toSizeGB: 3) }
        expectStoreError(.conflict, containing: "only grow") { try fixture.store.extend(volume: volume.id, toSizeGB: 1) }
        expectStoreError(.invalidInput, containing: "1 to 500") {
            try fixture.store.extend(volume: volume.id, toSizeGB: 1000)
        }
        #expect(try fixture.store.extend(volume: volume.id, toSizeGB: 10).sizeGB == 10)
        #expect(try fixture.store.volume(id: volume.id)?.sizeGB == 10)
    }

    @Test func destroyIsRefusedWhileAttachedAndRemovesTheData() throws {
        let (fixture, machines) = try fixtureWithDBMachines(1)
        let store = fixture.store
        let volume = try store.createVolume(app: "demo", name: "data")
        _ = FileManager.default.createFile(atPath: volume.path + "/file", contents: Data("kept".utf8))
        try store.attach(volume: volume.id, to: machines[0])
        expectStoreError(.conflict, containing: "attached to machine") { try store.destroyVolume(id: volume.id) }
        #expect(FileManager.default.fileExists(atPath: volume.path + "/file"))
        // Destroying the machine leaves the volume, detached, with its data.
        try store.destroyMachine(id: machines[0])
        let kept = try #require(try store.volume(id: volume.id))
        #expect(kept.attachedMachineID == nil)
        #expect(FileManager.default.fileExists(atPath: volume.path + "/file"))
        try store.destroyVolume(id: volume.id)
        #expect(try store.volume(id: volume.id) == nil)
        #expect(!FileManager.default.fileExists(atPath: volume.path))
        expectStoreError(.notFound, containing: "no volume") { try store.destroyVolume(id: volume.id) }
    }

    @Test func scaleUpReusesUnattachedVolumesOldestFirst() throws {
        let (fixture, machines) = try fixtureWithDBMachines(3)
        let store = fixture.store
        let a = try store.createVolume(app: "demo", name: "data")
        let b = try store.createVolume(app: "demo", name: "data")
        _ = try store.createVolume(app: "demo", name: "other")
        #expect(try store.unattachedVolume(app: "demo", name: "data")?.id == a.id)
        #expect(try store.claimUnattachedVolume(app: "demo", name: "data", machine: machines[0])?.id == a.id)
        #expect(try store.unattachedVolume(app: "demo", name: "data")?.id == b.id)
        #expect(try store.claimUnattachedVolume(app: "demo", name: "data", machine: machines[1])?.id == b.id)
        #expect(try store.claimUnattachedVolume(app: "demo", name: "data", machine: machines[2]) == nil)
        // Scale down: the machine goes, its volume waits for the next scale-up.
        try store.destroyMachine(id: machines[0])
        #expect(try store.claimUnattachedVolume(app: "demo", name: "data", machine: machines[2])?.id == a.id)
    }

    @Test func aMachineCanBeCreatedWithItsVolume() throws {
        let (fixture, _) = try fixtureWithDBMachines(0)
        let store = fixture.store
        let volume = try store.createVolume(app: "demo", name: "data")
        let machine = try store.createMachine(
            app: "demo", group: "db", spec: try Specs.spec(group: "db"), volumeID: volume.id
        ).machine
        #expect(machine.volumeID == volume.id)
        expectStoreError(.conflict, containing: "attached") {
            _ = try store.createMachine(app: "demo", group: "db", spec: try Specs.spec(group: "db"), volumeID: volume.id)
        }
        // The refused create left no machine behind.
        #expect(try store.machines(app: "demo").map(\.id) == [machine.id])
    }
}
