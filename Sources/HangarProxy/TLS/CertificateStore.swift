import Foundation
import NIOSSL
import Synchronization

// Public API (shared by the daemon's proxy and `hangar certs`, which both work on `<home>/certs`):
//
//     let store = try CertificateStore(home: location.home)       // loads or makes the CA
//     try store.add(host: "api.example.test", app: "web")          // a leaf signed by the local CA
//     try store.add(host: "x.test", app: "web", certificatePath: "cert.pem", keyPath: "key.pem")
//     try store.remove(host: "x.test"); store.list()
//     try store.ensureAppCertificate(app: "web")                   // web.localhost + *.web.localhost
//     store.app(forHost: "api.example.test")                       // "web": for Host/SNI routing
//     store.material(forServerName: "api.example.test")            // TLSMaterial for NIOSSL (TLSTerminator)
//
// On disk: `certs/ca.pem`, `certs/ca-key.pem` (0600), `certs/hosts/<host>.pem` and
// `certs/hosts/<host>.key` (0600; `*` is written `_` in file names), and `certs/certs.json`, the
// host → app and certificate mapping. Writers (the CLI, and the daemon issuing `<app>.localhost`)
// take `certs/.lock` (flock) around read-modify-write. A running daemon sees changes without a
// restart: lookups re-read certs.json when its inode or mtime changed (checked at most once a
// second, and always on a miss).

/// The certificates the edge serves, by host name, and the local CA that signs most of them.
public final class CertificateStore: Sendable {
    public let directory: String
    public let authority: CertificateAuthority
    private let state: Mutex<State>

    /// How close to expiry a certificate Hangar signed is re-issued.
    public static let renewBefore: TimeInterval = 30 * 86_400

    struct State {
        var entries: [String: HostCertificate] = [:]
        var stamp: FileStamp?
        var checkedAt: ContinuousClock.Instant?
        var materials: [String: TLSMaterial] = [:]
    }

    /// `<home>/certs`.
    public convenience init(home: String) throws(CertificateError) {
        try self.init(directory: home + "/certs")
    }

    public init(directory: String) throws(CertificateError) {
        self.directory = directory
        self.authority = try CertificateAuthority.loadOrCreate(directory: directory)
        try CertificateFiles.makeDirectory(directory + "/hosts")
        let (entries, stamp) = try Self.readIndex(directory)
        self.state = Mutex(State(entries: entries, stamp: stamp, checkedAt: ContinuousClock.now))
    }

    var indexPath: String { directory + "/certs.json" }

    // MARK: Reading

    /// Every host, sorted by name.
    public func list() -> [HostCertificate] {
        refresh(force: true)
        return state.withLock { $0.entries.values.sorted { $0.host < $1.host } }
    }

    /// The app a host name was added for (exact names first, then `*.` wildcards), if any.
    public func app(forHost host: String) -> String? {
        refresh(force: false)
        let name = HostName.normalise(host)
        return state.withLock { state in Self.entry(for: name, in: state.entries)?.app }
    }

    /// The certificate and key to serve for an SNI name: an exact host, else a wildcard covering it.
    /// Nil when none is known (after re-reading certs.json once).
    public func material(forServerName serverName: String) -> TLSMaterial? {
        let name = HostName.normalise(serverName)
        refresh(force: false)
        if let found = cachedMaterial(name) { return found }
        refresh(force: true)
        return cachedMaterial(name)
    }

    private func cachedMaterial(_ name: String) -> TLSMaterial? {
        guard let entry = state.withLock({ Self.entry(for: name, in: $0.entries) }) else { return nil }
        if let cached = state.withLock({ $0.materials[entry.host] }), cached.entry == entry { return cached }
        if entry.source == .hangar, entry.notAfter.timeIntervalSinceNow < Self.renewBefore {
            _ = try? renew(entry)
            return state.withLock { state in Self.entry(for: name, in: state.entries) }.flatMap { try? load($0) }
        }
        return try? load(entry)
    }

    private func load(_ entry: HostCertificate) throws(CertificateError) -> TLSMaterial {
        let material = try TLSMaterial(entry: entry, directory: directory)
        state.withLock { $0.materials[entry.host] = material }
        return material
    }

    /// The host serving `name`: itself, else a `*.parent` host, else the parent host when its
    /// certificate has a `*.parent` name (as `<app>.localhost` does).
    static func entry(for name: String, in entries: [String: HostCertificate]) -> HostCertificate? {
        if let exact = entries[name] { return exact }
        guard let dot = name.firstIndex(of: ".") else { return nil }
        if let wildcard = entries["*" + name[dot...]] { return wildcard }
        let parent = String(name[name.index(after: dot)...])
        guard let covering = entries[parent], covering.names.contains("*." + parent) else { return nil }
        return covering
    }

    /// Re-reads certs.json when it changed (at most once a second unless `force`).
    func refresh(force: Bool) {
        let now = ContinuousClock.now
        let due = state.withLock { state in
            force || state.checkedAt.map { now - $0 >= .seconds(1) } ?? true
        }
        guard due else { return }
        let stamp = CertificateFiles.stamp(indexPath)
        let changed = state.withLock { state in
            state.checkedAt = now
            return state.stamp != stamp
        }
        guard changed, let read = try? Self.readIndex(directory) else { return }
        let (entries, newStamp) = read
        state.withLock { state in
            state.entries = entries
            state.stamp = newStamp
            state.materials = state.materials.filter { entries[$0.key] == $0.value.entry }
        }
    }

    // MARK: Changing

    /// Issues (or re-issues) a certificate for `host`, signed by the local CA, and maps it to `app`.
    @discardableResult
    public func add(host: String, app: String?) throws(CertificateError) -> HostCertificate {
        let name = try HostName.validate(host)
        return try modify { entries throws(CertificateError) in
            let entry = try issue(names: [name], host: name, app: app, automatic: false)
            entries[name] = entry
            return entry
        }
    }

    /// Installs a user's PEM pair for `host` (copied under certs/hosts/) and maps it to `app`. The
    /// certificate must name the host and the key must be its key.
    @discardableResult
    public func add(host: String, app: String?, certificatePath: String, keyPath: String) throws(CertificateError)
        -> HostCertificate
    {
        let name = try HostName.validate(host)
        let chainText = try CertificateFiles.readText(certificatePath)
        let chain = try CertificateFiles.parseCertificates(chainText, source: certificatePath)
        let keyText = try CertificateFiles.readText(keyPath)
        let key = try CertificateFiles.readPrivateKey(keyPath)
        let leaf = chain[0]
        guard leaf.publicKey == key.publicKey else {
            throw .invalid("\(keyPath) is not the private key of the certificate in \(certificatePath)")
        }
        let names = HostName.names(of: leaf)
        guard names.contains(where: { HostName.covers($0, name) }) else {
            throw .invalid(
                "the certificate in \(certificatePath) is not valid for \(name): it names "
                    + (names.isEmpty ? "no DNS name" : names.joined(separator: ", ")))
        }
        guard leaf.notValidAfter > Date() else {
            throw .invalid("the certificate in \(certificatePath) expired on \(ISO8601DateFormatter().string(from: leaf.notValidAfter))")
        }
        // NIOSSL must accept the pair too (it reads PEM its own way).
        do {
            _ = try NIOSSLCertificate.fromPEMBytes(Array(chainText.utf8))
            _ = try NIOSSLPrivateKey(bytes: Array(keyText.utf8), format: .pem)
        } catch {
            throw .invalid("\(certificatePath) or \(keyPath) cannot be used for TLS: \(error)")
        }
        return try modify { entries throws(CertificateError) in
            let files = HostFiles(host: name)
            try CertificateFiles.write(keyText, to: directory + "/" + files.key, mode: 0o600)
            try CertificateFiles.write(chainText, to: directory + "/" + files.certificate, mode: 0o644)
            let entry = HostCertificate(
                host: name, app: app, source: .provided, automatic: false, names: names, notAfter: leaf.notValidAfter,
                certificateFile: files.certificate, keyFile: files.key, addedAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
            entries[name] = entry
            return entry
        }
    }

    /// Forgets `host` and deletes its files; false when it was not there.
    @discardableResult
    public func remove(host: String) throws(CertificateError) -> Bool {
        let name = HostName.normalise(host)
        return try modify { entries throws(CertificateError) in
            guard let entry = entries.removeValue(forKey: name) else { return false }
            unlink(directory + "/" + entry.certificateFile)
            unlink(directory + "/" + entry.keyFile)
            return true
        }
    }

    /// Makes sure `<app>.localhost` (with `*.<app>.localhost`) has a certificate from the local CA.
    @discardableResult
    public func ensureAppCertificate(app: String) throws(CertificateError) -> HostCertificate {
        let name = try HostName.validate(app + ".localhost")
        refresh(force: false)
        if let existing = state.withLock({ $0.entries[name] }), existing.notAfter.timeIntervalSinceNow > Self.renewBefore {
            return existing
        }
        return try modify { entries throws(CertificateError) in
            if let existing = entries[name], existing.notAfter.timeIntervalSinceNow > Self.renewBefore { return existing }
            let entry = try issue(names: [name, "*." + name], host: name, app: app, automatic: true)
            entries[name] = entry
            return entry
        }
    }

    private func renew(_ entry: HostCertificate) throws(CertificateError) {
        try modify { entries throws(CertificateError) in
            guard let current = entries[entry.host], current.source == .hangar else { return }
            entries[entry.host] = try issue(
                names: current.names, host: current.host, app: current.app, automatic: current.automatic)
        }
    }

    private func issue(names: [String], host: String, app: String?, automatic: Bool) throws(CertificateError)
        -> HostCertificate
    {
        let issued = try authority.issue(names: names)
        let files = HostFiles(host: host)
        try CertificateFiles.write(issued.keyPEM, to: directory + "/" + files.key, mode: 0o600)
        try CertificateFiles.write(issued.chainPEM, to: directory + "/" + files.certificate, mode: 0o644)
        return HostCertificate(
            host: host, app: app, source: .hangar, automatic: automatic, names: names, notAfter: issued.notAfter,
            certificateFile: files.certificate, keyFile: files.key, addedAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
    }

    /// Read-modify-write of certs.json under the directory's lock.
    private func modify<T>(_ change: (inout [String: HostCertificate]) throws(CertificateError) -> T)
        throws(CertificateError) -> T
    {
        let lock = open(directory + "/.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw .failed("cannot open \(directory)/.lock: \(String(cString: strerror(errno)))") }
        defer { close(lock) }
        guard flock(lock, LOCK_EX) == 0 else { throw .failed("cannot lock \(directory)/.lock") }
        var (entries, _) = try Self.readIndex(directory)
        let result = try change(&entries)
        try Self.writeIndex(entries, directory: directory)
        let stamp = CertificateFiles.stamp(indexPath)
        state.withLock { state in
            state.entries = entries
            state.stamp = stamp
            state.materials = state.materials.filter { entries[$0.key] == $0.value.entry }
        }
        return result
    }

    // MARK: certs.json

    struct Index: Codable {
        var version: Int
        var hosts: [HostCertificate]
    }

    static func readIndex(_ directory: String) throws(CertificateError) -> ([String: HostCertificate], FileStamp?) {
        let path = directory + "/certs.json"
        let stamp = CertificateFiles.stamp(path)
        guard stamp != nil, let data = FileManager.default.contents(atPath: path) else { return ([:], nil) }
        let decoder = JSONDecoder()
        do {
            let index = try decoder.decode(Index.self, from: data)
            return (Dictionary(index.hosts.map { ($0.host, $0) }, uniquingKeysWith: { _, last in last }), stamp)
        } catch {
            throw .invalid("\(path) cannot be read (\(error)): fix it, or remove it and add the hosts again")
        }
    }

    static func writeIndex(_ entries: [String: HostCertificate], directory: String) throws(CertificateError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let index = Index(version: 1, hosts: entries.values.sorted { $0.host < $1.host })
        guard let data = try? encoder.encode(index) else { throw .failed("cannot encode certs.json") }
        try CertificateFiles.write(String(decoding: data, as: UTF8.self) + "\n", to: directory + "/certs.json", mode: 0o644)
    }
}

/// Where a host's files live, relative to the certs directory.
struct HostFiles {
    var certificate: String
    var key: String

    init(host: String) {
        let stem = "hosts/" + host.replacingOccurrences(of: "*", with: "_")
        certificate = stem + ".pem"
        key = stem + ".key"
    }
}

/// One host the edge has a certificate for, as `hangar certs list --json` prints it.
public struct HostCertificate: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Hashable, Codable {
        /// Signed by Hangar's local CA.
        case hangar
        /// A PEM pair the user gave (`hangar certs add HOST --cert F --key F`).
        case provided
    }

    public var host: String
    public var app: String?
    public var source: Source
    /// Made by Hangar for `<app>.localhost`, not by `hangar certs add`.
    public var automatic: Bool
    /// The certificate's DNS names.
    public var names: [String]
    public var notAfter: Date
    /// Relative to the certs directory.
    public var certificateFile: String
    public var keyFile: String
    public var addedAt: Date

    enum CodingKeys: String, CodingKey {
        case host, app, source, automatic, names
        case notAfter = "not_after"
        case certificateFile = "certificate_file"
        case keyFile = "key_file"
        case addedAt = "added_at"
    }

    public init(
        host: String, app: String?, source: Source, automatic: Bool, names: [String], notAfter: Date,
        certificateFile: String, keyFile: String, addedAt: Date
    ) {
        self.host = host
        self.app = app
        self.source = source
        self.automatic = automatic
        self.names = names
        self.notAfter = notAfter
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.addedAt = addedAt
    }

    // Dates are RFC 3339 strings whatever the coder's date strategy (`--json` and certs.json alike).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func date(_ key: CodingKeys) throws -> Date {
            let text = try container.decode(String.self, forKey: key)
            guard let date = ISO8601DateFormatter().date(from: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not an RFC 3339 time: \(text)")
            }
            return date
        }
        self.init(
            host: try container.decode(String.self, forKey: .host), app: try container.decodeIfPresent(String.self, forKey: .app),
            source: try container.decode(Source.self, forKey: .source), automatic: try container.decode(Bool.self, forKey: .automatic),
            names: try container.decode([String].self, forKey: .names), notAfter: try date(.notAfter),
            certificateFile: try container.decode(String.self, forKey: .certificateFile),
            keyFile: try container.decode(String.self, forKey: .keyFile), addedAt: try date(.addedAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let formatter = ISO8601DateFormatter()
        try container.encode(host, forKey: .host)
        try container.encodeIfPresent(app, forKey: .app)
        try container.encode(source, forKey: .source)
        try container.encode(automatic, forKey: .automatic)
        try container.encode(names, forKey: .names)
        try container.encode(formatter.string(from: notAfter), forKey: .notAfter)
        try container.encode(certificateFile, forKey: .certificateFile)
        try container.encode(keyFile, forKey: .keyFile)
        try container.encode(formatter.string(from: addedAt), forKey: .addedAt)
    }
}

/// A host's certificate chain and key, loaded for NIOSSL. Immutable; replaced when the files change.
public final class TLSMaterial: Sendable {
    public let entry: HostCertificate
    public let chain: [NIOSSLCertificate]
    public let key: NIOSSLPrivateKey

    init(entry: HostCertificate, directory: String) throws(CertificateError) {
        self.entry = entry
        do {
            chain = try NIOSSLCertificate.fromPEMFile(directory + "/" + entry.certificateFile)
            key = try NIOSSLPrivateKey(file: directory + "/" + entry.keyFile, format: .pem)
        } catch {
            throw .failed("loading the certificate of \(entry.host): \(error)")
        }
        guard !chain.isEmpty else { throw .failed("\(entry.certificateFile) holds no certificate") }
    }
}
