/// `[[mounts]]` (spec §5.9; legacy `[mount]`/`[mounts]` single tables are normalised to this).
///
/// Sizes are kept as written (after normalisation an integer `initial_size = 10` is the string
/// `"10"`); parse them with `VolumeSize.gigabytes(from:)` or the `*GB` accessors.
public struct Mount: Sendable, Equatable, Codable {
    public var source: String?
    public var destination: String?
    public var initialSize: String?
    public var snapshotRetention: Int?
    public var scheduledSnapshots: Bool?
    /// Percent; 0 = off.
    public var autoExtendSizeThreshold: Int?
    public var autoExtendSizeIncrement: String?
    public var autoExtendSizeLimit: String?
    public var processes: [String]?

    public init() {}

    public init(source: String?, destination: String?) {
        self.source = source
        self.destination = destination
    }

    enum CodingKeys: String, CodingKey {
        case source, destination
        case initialSize = "initial_size"
        case snapshotRetention = "snapshot_retention"
        case scheduledSnapshots = "scheduled_snapshots"
        case autoExtendSizeThreshold = "auto_extend_size_threshold"
        case autoExtendSizeIncrement = "auto_extend_size_increment"
        case autoExtendSizeLimit = "auto_extend_size_limit"
        case processes
    }

    /// `initial_size` in whole GB (nil when unset).
    public func initialSizeGB() throws(SizeParseError) -> Int? {
        guard let initialSize else { return nil }
        return try VolumeSize.gigabytes(from: initialSize)
    }
}
