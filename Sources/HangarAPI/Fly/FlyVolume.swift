import HangarRuntime

/// Fly's `Volume`. Hangar's volumes are directories: one region (`local`), zone `local`, no encryption.
public struct FlyVolume: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var state: String
    public var sizeGB: Int
    public var region: String
    public var zone: String
    public var encrypted: Bool
    public var fstype: String
    public var attachedMachineID: String?
    public var createdAt: String
    /// What the runtime noted (a size not enforced, a resize that waits); absent when none.
    public var notes: [String]?

    enum CodingKeys: String, CodingKey {
        case id, name, state, region, zone, encrypted, fstype
        case sizeGB = "size_gb"
        case attachedMachineID = "attached_machine_id"
        case createdAt = "created_at"
        case notes = "hangar_notes"
    }

    public init(_ volume: VolumeSummary) {
        id = volume.id
        name = volume.name
        state = volume.state
        sizeGB = volume.sizeGB
        region = "local"
        zone = "local"
        encrypted = false
        fstype = volume.backing == "image" ? "ext4" : "dir"
        attachedMachineID = volume.attachedMachine
        createdAt = volume.createdAt
        notes = volume.notes.isEmpty ? nil : volume.notes
    }

    public var summary: VolumeSummary {
        VolumeSummary(
            id: id, name: name, sizeGB: sizeGB, attachedMachine: attachedMachineID, createdAt: createdAt, state: state,
            backing: fstype == "ext4" ? "image" : "directory", notes: notes ?? [])
    }

    /// Fly encodes an unattached volume's machine as absent; so does Hangar.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(state, forKey: .state)
        try container.encode(sizeGB, forKey: .sizeGB)
        try container.encode(region, forKey: .region)
        try container.encode(zone, forKey: .zone)
        try container.encode(encrypted, forKey: .encrypted)
        try container.encode(fstype, forKey: .fstype)
        try container.encodeIfPresent(attachedMachineID, forKey: .attachedMachineID)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(notes, forKey: .notes)
    }
}

/// Fly's `CreateVolumeRequest`, the fields Hangar uses (others are accepted and ignored).
public struct FlyCreateVolumeRequest: Sendable, Codable, Equatable {
    public var name: String
    public var sizeGB: Int?
    public var region: String?

    enum CodingKeys: String, CodingKey {
        case name, region
        case sizeGB = "size_gb"
    }

    public init(name: String, sizeGB: Int?, region: String? = nil) {
        self.name = name
        self.sizeGB = sizeGB
        self.region = region
    }
}
