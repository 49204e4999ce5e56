import Foundation
import GRDB

/// A volume: named storage of one app, attached to at most one machine, kept across machine
/// restarts, `down`/`up` and daemon restarts. Its data lives in `path`.
public struct VolumeRecord: Sendable, Equatable, Codable {
    /// `vol_` and 16 lowercase letters or digits.
    public var id: String
    public var app: String
    /// The name `[[mounts]] source` refers to; many volumes of an app may share it.
    public var name: String
    public var sizeGB: Int
    public var attachedMachineID: String?
    /// `<home>/volumes/<app>/<id>`: the directory (or the place for a filesystem image) holding its data.
    public var path: String
    /// How the data is held: a plain directory, or an ext4 image loop-mounted at `path`.
    public var backing: VolumeBacking
    public var createdAt: Date
    public var updatedAt: Date

    public var isAttached: Bool { attachedMachineID != nil }

    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        app = try row.decode(forColumn: "app")
        name = try row.decode(forColumn: "name")
        sizeGB = try row.decode(forColumn: "size_gb")
        attachedMachineID = try row.decode(forColumn: "attached_machine_id")
        path = try row.decode(forColumn: "path")
        backing = VolumeBacking(rawValue: try row.decode(forColumn: "backing")) ?? .directory
        createdAt = StoreClock.date(try row.decode(forColumn: "created_at"))
        updatedAt = StoreClock.date(try row.decode(forColumn: "updated_at"))
    }
}
