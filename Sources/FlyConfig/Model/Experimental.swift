/// `[experimental]` (spec §5.16). Legacy `kill_timeout`, `metrics_port` and `metrics_path` are hoisted
/// by normalisation to the top level and are not kept here.
public struct Experimental: Sendable, Equatable, Codable {
    /// A string in fly.toml becomes a one-element list (no shell splitting).
    public var cmd: [String]?
    public var entrypoint: [String]?
    public var exec: [String]?
    /// Wins over the top-level `machine_config`.
    public var machineConfig: String?
    public var autoRollback: Bool?
    public var enableConsul: Bool?
    public var enableEtcd: Bool?
    public var lazyLoadImages: Bool?
    public var useZstd: Bool?
    public var attached: Attached?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case cmd, entrypoint, exec
        case machineConfig = "machine_config"
        case autoRollback = "auto_rollback"
        case enableConsul = "enable_consul"
        case enableEtcd = "enable_etcd"
        case lazyLoadImages = "lazy_load_images"
        case useZstd = "use_zstd"
        case attached
    }
}

/// `[experimental.attached]` (used by `fly launch` only).
public struct Attached: Sendable, Equatable, Codable {
    public var secrets: AttachedSecrets?

    public init(secrets: AttachedSecrets? = nil) {
        self.secrets = secrets
    }
}

/// `[experimental.attached.secrets]`.
public struct AttachedSecrets: Sendable, Equatable, Codable {
    public var export: [String: String]?

    public init(export: [String: String]? = nil) {
        self.export = export
    }
}
