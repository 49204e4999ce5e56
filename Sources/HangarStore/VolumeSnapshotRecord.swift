import Foundation
import GRDB

/// A point-in-time copy of a volume (`hangar volumes snapshots create`), kept under
/// `<home>/snapshots/<volume id>/<snapshot id>` until its volume is destroyed.
public struct VolumeSnapshotRecord: Sendable, Equatable, Codable {
    /// `vs_` and 16 lowercase letters or digits.
    public var id: String
    public var volumeID: String
    public var app: String
    /// The volume's size when the snapshot was taken.
    public var sizeGB: Int
    /// The bytes the copy takes on the host's disk.
    public var storedBytes: Int64
    /// A directory copy, or a copy of the volume's image.
    public var backing: VolumeBacking
    public var path: String
    public var createdAt: Date

    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        volumeID = try row.decode(forColumn: "volume_id")
        app = try row.decode(forColumn: "app")
        sizeGB = try row.decode(forColumn: "size_gb")
        storedBytes = try row.decode(forColumn: "stored_bytes")
        backing = VolumeBacking(rawValue: try row.decode(forColumn: "backing")) ?? .directory
        path = try row.decode(forColumn: "path")
        createdAt = StoreClock.date(try row.decode(forColumn: "created_at"))
    }
}
