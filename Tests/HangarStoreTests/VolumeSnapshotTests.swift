import Foundation
import Testing
@testable import HangarStore

/// The store's side of volume backing, snapshots and `--restart-unhealthy`.
@Suite struct VolumeSnapshotTests {
    @Test func backingSnapshotsAndTheirRemovalWithTheVolume() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        do {
            try store.registerApp(name: "snap")
            let volume = try store.createVolume(app: "snap", name: "data")
            #expect(volume.backing == .directory)
            #expect(try store.setBacking(volume: volume.id, .image).backing == .image)

            let snapshot = try store.createSnapshot(volume: volume.id) { (path: String) throws(StoreError) -> Int64 in
                do {
                    try "copy".write(toFile: path, atomically: true, encoding: .utf8)
                } catch {
                    throw StoreError(.storage, "\(error)")
                }
                return 4
            }
            #expect(snapshot.id.hasPrefix("vs_") && snapshot.storedBytes == 4 && snapshot.backing == .image)
            #expect(snapshot.path == store.location.snapshotPath(volumeID: volume.id, snapshotID: snapshot.id))
            #expect(try store.snapshots(volume: volume.id).map(\.id) == [snapshot.id])
            #expect(try store.snapshot(id: snapshot.id) == snapshot)

            // A copy that fails records nothing and leaves nothing.
            #expect(throws: StoreError.self) {
                try store.createSnapshot(volume: volume.id) { (path: String) throws(StoreError) -> Int64 in
                    try? "partial".write(toFile: path, atomically: true, encoding: .utf8)
                    throw StoreError(.storage, "disk full")
                }
            }
            #expect(try store.snapshots(volume: volume.id).count == 1)
            let leftovers = try FileManager.default.contentsOfDirectory(
                atPath: store.location.snapshotsDirectory + "/" + volume.id)
            #expect(leftovers == [snapshot.id])

            try store.destroyVolume(id: volume.id)
            #expect(!FileManager.default.fileExists(atPath: snapshot.path))
            #expect(try store.snapshot(id: snapshot.id) == nil)
            #expect(throws: StoreError.self) { try store.snapshot(id: "../x") }
        }
    }

    @Test func restartUnhealthyIsKeptWithTheApp() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        do {
            #expect(try store.registerApp(name: "flag").restartUnhealthy == false)
            try store.setRestartUnhealthy(app: "flag", true)
            #expect(try store.registerApp(name: "flag").restartUnhealthy == true, "registering again keeps it")
            try store.setRestartUnhealthy(app: "flag", false)
            #expect(try store.app(named: "flag")?.restartUnhealthy == false)
            #expect(throws: StoreError.self) { try store.setRestartUnhealthy(app: "missing", true) }
            #expect(try store.appliedMigrations().contains("v2-volume-backing"))
        }
    }
}
