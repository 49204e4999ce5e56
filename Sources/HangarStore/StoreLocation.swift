import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where Hangar keeps its state: `$HANGAR_HOME`, else `/var/lib/hangar` for root, else
/// `~/.local/share/hangar`. Holds `hangar.db` (+ `-wal`, `-shm`), `secret.key` and `volumes/`.
public struct StoreLocation: Sendable, Equatable {
    /// The state directory, an absolute path.
    public let home: String

    public init(home: String) {
        var path = home
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        self.home = path
    }

    public static let rootHome = "/var/lib/hangar"

    /// Resolves the state directory from the environment and the effective user id.
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        effectiveUserID: UInt32 = geteuid()
    ) throws(StoreError) -> StoreLocation {
        if let configured = environment["HANGAR_HOME"], !configured.isEmpty {
            guard configured.hasPrefix("/") else {
                throw .invalid("HANGAR_HOME must be an absolute path, got \(NameRules.quoted(configured))")
            }
            return StoreLocation(home: configured)
        }
        if effectiveUserID == 0 { return StoreLocation(home: rootHome) }
        guard let userHome = environment["HOME"], userHome.hasPrefix("/") else {
            throw .invalid("cannot find the state directory: set HANGAR_HOME or HOME to an absolute path")
        }
        return StoreLocation(home: StoreLocation(home: userHome).home + "/.local/share/hangar")
    }

    public var databasePath: String { home + "/hangar.db" }
    public var secretKeyPath: String { home + "/secret.key" }
    /// Where a rotated key waits until the database has been re-sealed with it.
    public var pendingSecretKeyPath: String { home + "/secret.key.next" }
    public var volumesDirectory: String { home + "/volumes" }

    /// The directory holding a volume's data. App names and volume ids are validated before they
    /// reach a path.
    public func volumeDirectory(app: String, volumeID: String) -> String {
        volumesDirectory + "/" + app + "/" + volumeID
    }

    /// The ext4 image of an image-backed volume, beside the apps' volume directories.
    public func volumeImage(volumeID: String) -> String {
        volumesDirectory + "/" + volumeID + ".img"
    }

    /// `<home>/snapshots`: point-in-time copies of volumes, one directory per volume.
    public var snapshotsDirectory: String { home + "/snapshots" }

    /// Where a snapshot's copy lives: `<home>/snapshots/<volume id>/<snapshot id>` (a directory, or
    /// an image file for an image-backed volume).
    public func snapshotPath(volumeID: String, snapshotID: String) -> String {
        snapshotsDirectory + "/" + volumeID + "/" + snapshotID
    }

    /// Creates the state directory (and its missing parents) and `volumes/` with mode 0700.
    public func prepare() throws(StoreError) {
        try Self.makeDirectory(home)
        try Self.makeDirectory(volumesDirectory)
    }

    /// Creates a missing directory with mode 0700. An existing directory keeps its mode: the state
    /// directory may be one the operator chose, and the secrets in it are sealed either way.
    static func makeDirectory(_ path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .storage("\(path) exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .storage("cannot create the directory \(path): \(error.localizedDescription)")
        }
        if chmod(path, 0o700) != 0 {
            throw .storage("cannot set mode 0700 on \(path): \(String(cString: strerror(errno)))")
        }
    }
}
