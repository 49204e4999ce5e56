/// `[build]`: how the image is produced (spec §5.1).
public struct Build: Sendable, Equatable, Codable {
    public var image: String?
    /// Relative to the fly.toml directory (or an http(s) URL).
    public var dockerfile: String?
    public var ignorefile: String?
    /// `build-target` (legacy `build_target` is renamed by normalisation).
    public var buildTarget: String?
    public var builder: String?
    public var buildpacks: [String]?
    /// Build arguments (strings only).
    public var args: [String: String]?
    public var builtin: String?
    /// Free-form options for `builtin`.
    public var settings: [String: ConfigValue]?
    public var compose: BuildCompose?
    /// `gzip` or `zstd` (validated by rules).
    public var compression: String?
    /// 0–9 (validated by rules).
    public var compressionLevel: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case image, dockerfile, ignorefile
        case buildTarget = "build-target"
        case builder, buildpacks, args, builtin, settings, compose, compression
        case compressionLevel = "compression_level"
    }
}

/// `[build.compose]`: Docker Compose based multi-container build.
public struct BuildCompose: Sendable, Equatable, Codable {
    /// Compose file; when empty flyctl looks beside fly.toml for `compose.yaml`, `compose.yml`,
    /// `docker-compose.yaml`, `docker-compose.yml`.
    public var file: String?

    public init(file: String? = nil) {
        self.file = file
    }
}
