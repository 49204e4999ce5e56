/// How a volume's data is held on the host.
public enum VolumeBacking: String, Sendable, Codable, Equatable, CaseIterable {
    /// A plain directory, `<home>/volumes/<app>/<id>`: the size is recorded, not enforced.
    case directory
    /// A sparse ext4 image `<home>/volumes/<id>.img` of the volume's size, loop-mounted at the
    /// volume's directory: writes past the size fail with ENOSPC.
    case image
}
