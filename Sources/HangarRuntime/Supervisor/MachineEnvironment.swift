import HangarCore

/// A machine's environment, composed in Fly's order: the spec's `[env]` (with `FLY_PROCESS_GROUP`
/// and `PRIMARY_REGION` from the plan), then the app's secrets (they win over `[env]`), then Fly's
/// runtime variables (they win over both, as Fly reserves the `FLY_` prefix), then `PORT` in shared
/// mode. A few variables of the daemon's own environment (`PATH`, `HOME`, locale) come first, so an
/// app finds its interpreter; anything the app sets replaces them.
public enum MachineEnvironment {
    /// Who and where the machine is.
    public struct Identity: Sendable, Equatable {
        public var machineID: String
        public var version: String
        /// `FLY_PRIVATE_IP`: the machine's own address (`127.0.0.1` in shared mode).
        public var privateIP: String
        /// `FLY_IMAGE_REF`.
        public var imageRef: String
        /// The port the app must listen on (shared mode), as `PORT`.
        public var port: Int?
        /// Where the volume is, as the app sees it (`HANGAR_VOLUME_PATH`).
        public var volumePath: String?

        public init(
            machineID: String, version: String, privateIP: String, imageRef: String, port: Int? = nil,
            volumePath: String? = nil
        ) {
            self.machineID = machineID
            self.version = version
            self.privateIP = privateIP
            self.imageRef = imageRef
            self.port = port
            self.volumePath = volumePath
        }
    }

    /// The region every machine of this host reports.
    public static let region = "local"

    /// Daemon variables passed on to machines (then overridden by the app's own).
    public static let inheritedNames = ["PATH", "HOME", "LANG", "LC_ALL", "TZ"]

    /// The `PATH` a machine gets when the daemon has none.
    public static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The inherited part, from the daemon's environment.
    public static func inherited(from environment: [String: String]) -> [String: String] {
        var base: [String: String] = [:]
        for name in inheritedNames { if let value = environment[name], !value.isEmpty { base[name] = value } }
        if base["PATH"] == nil { base["PATH"] = defaultPath }
        return base
    }

    /// `FLY_IMAGE_REF`: there is no image locally, so the reference names the app and the machine version.
    public static func imageRef(app: String, version: String) -> String {
        "hangar/\(app):\(version.lowercased())"
    }

    public static func compose(
        spec: MachineSpec, secrets: [String: String], identity: Identity, base: [String: String] = [:]
    ) -> [String: String] {
        var env = base
        env.merge(spec.env) { $1 }
        env.merge(secrets) { $1 }
        env["FLY_APP_NAME"] = spec.app
        env["FLY_MACHINE_ID"] = identity.machineID
        env["FLY_ALLOC_ID"] = identity.machineID
        env["FLY_REGION"] = region
        if let primary = spec.primaryRegion, !primary.isEmpty { env["PRIMARY_REGION"] = primary }
        env["FLY_PROCESS_GROUP"] = spec.group
        env["FLY_VM_MEMORY_MB"] = String(spec.guest.memoryMB)
        env["FLY_PRIVATE_IP"] = identity.privateIP
        env["FLY_MACHINE_VERSION"] = identity.version
        env["FLY_IMAGE_REF"] = identity.imageRef
        if let volumePath = identity.volumePath { env["HANGAR_VOLUME_PATH"] = volumePath }
        if let port = identity.port { env["PORT"] = String(port) }
        return env
    }
}
