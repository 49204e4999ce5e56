import Foundation
import GRDB

extension HangarStore {
    /// Takes a snapshot of the volume: `copy` writes the point-in-time copy to the path it is given
    /// (which does not exist yet) and returns the bytes it takes; then the snapshot is recorded.
    /// When `copy` throws, whatever it left at the path is removed and nothing is recorded.
    public func createSnapshot(volume id: String, copy: (String) throws(StoreError) -> Int64) throws(StoreError)
        -> VolumeSnapshotRecord
    {
        try NameRules.validateVolumeID(id)
        guard let volume = try self.volume(id: id) else { throw .notFound("no volume has id \(id)") }
        let snapshotID = Identifiers.snapshotID()
        let path = location.snapshotPath(volumeID: id, snapshotID: snapshotID)
        try StoreLocation.makeDirectory(location.snapshotsDirectory)
        try StoreLocation.makeDirectory(location.snapshotsDirectory + "/" + id)
        let bytes: Int64
        do {
            bytes = try copy(path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let now = StoreClock.millis(StoreClock.now())
        do {
            return try write("recording snapshot \(snapshotID) of volume \(id)") { db in
                _ = try Self.requireVolume(db, id)
                try db.execute(
                    sql: """
                        INSERT INTO volume_snapshots (id, volume_id, app, size_gb, stored_bytes, backing, path, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [snapshotID, id, volume.app, volume.sizeGB, bytes, volume.backing.rawValue, path, now])
                return try Self.requireSnapshot(db, snapshotID)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// The volume's snapshots, oldest first.
    public func snapshots(volume id: String) throws(StoreError) -> [VolumeSnapshotRecord] {
        try NameRules.validateVolumeID(id)
        return try read("listing the snapshots of volume \(id)") { db in
            _ = try Self.requireVolume(db, id)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM volume_snapshots WHERE volume_id = ? ORDER BY created_at, id", arguments: [id]
            ).map(VolumeSnapshotRecord.init(row:))
        }
    }

    /// The snapshot, or nil if no snapshot has this id.
    public func snapshot(id: String) throws(StoreError) -> VolumeSnapshotRecord? {
        try NameRules.validateSnapshotID(id)
        return try read("reading snapshot \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM volume_snapshots WHERE id = ?", arguments: [id])
                .map(VolumeSnapshotRecord.init(row:))
        }
    }

    static func requireSnapshot(_ db: Database, _ id: String) throws -> VolumeSnapshotRecord {
        guard
            let snapshot = try Row.fetchOne(db, sql: "SELECT * FROM volume_snapshots WHERE id = ?", arguments: [id])
                .map(VolumeSnapshotRecord.init(row:))
        else { throw StoreError.notFound("no snapshot has id \(id)") }
        return snapshot
    }
}
