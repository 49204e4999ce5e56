import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds and keeps the secret key: `$HANGAR_SECRET_KEY` (base64) when set, else `<home>/secret.key`
/// (base64, one line, mode 0600), created on first use. The key never enters the database.
struct SecretKeyStore: Sendable {
    let location: StoreLocation
    let environmentKey: String?

    init(location: StoreLocation, environmentKey: String?) {
        self.location = location
        self.environmentKey = environmentKey.flatMap { $0.isEmpty ? nil : $0 }
    }

    var usesEnvironment: Bool { environmentKey != nil }

    /// Where the key comes from, for messages.
    var origin: String { usesEnvironment ? "HANGAR_SECRET_KEY" : location.secretKeyPath }

    /// The key in use, or nil when there is none yet.
    func current() throws(StoreError) -> SecretKey? {
        if let environmentKey { return try SecretKey(base64: environmentKey, origin: "HANGAR_SECRET_KEY") }
        return try Self.readKey(location.secretKeyPath)
    }

    /// The key in use, creating `secret.key` when neither it nor `$HANGAR_SECRET_KEY` exists.
    func currentOrCreate() throws(StoreError) -> SecretKey {
        if let key = try current() { return key }
        let fresh = SecretKey.generate()
        let path = location.secretKeyPath
        // Written aside, then linked into place: if another process created the key meanwhile, the link
        // fails and its key wins.
        let temporary = path + ".tmp-" + Identifiers.machineID()
        try PrivateFile.writeNew(temporary, Self.fileBytes(fresh))
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            guard errno == EEXIST else {
                throw .storage("cannot create \(path): \(PrivateFile.errorText())")
            }
            guard let existing = try Self.readKey(path) else {
                throw .storage("\(path) vanished while it was being created")
            }
            return existing
        }
        PrivateFile.syncDirectory(of: path)
        return fresh
    }

    /// The key a rotation wrote before re-sealing, if one is waiting.
    func pending() throws(StoreError) -> SecretKey? {
        try Self.readKey(location.pendingSecretKeyPath)
    }

    func writePending(_ key: SecretKey) throws(StoreError) {
        discardPending()
        try PrivateFile.writeNew(location.pendingSecretKeyPath, Self.fileBytes(key))
    }

    /// Makes the pending key the key in use (atomic rename over `secret.key`).
    func promotePending() throws(StoreError) {
        try PrivateFile.move(location.pendingSecretKeyPath, to: location.secretKeyPath)
    }

    func discardPending() {
        unlink(location.pendingSecretKeyPath)
    }

    static func fileBytes(_ key: SecretKey) -> [UInt8] { Array((key.base64 + "\n").utf8) }

    static func readKey(_ path: String) throws(StoreError) -> SecretKey? {
        switch try PrivateFile.readPrivate(path) {
        case .missing: return nil
        case .contents(let bytes): return try SecretKey(base64: String(decoding: bytes, as: UTF8.self), origin: path)
        }
    }
}
