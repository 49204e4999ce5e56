import Foundation
import HangarProxy
import Testing
import X509

/// A fresh state directory for certificate tests, removed at the end.
final class CertsTestHome {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "hangar-certs-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    var certs: String { path + "/certs" }

    func mode(_ relative: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: certs + "/" + relative))?[.posixPermissions] as? Int
    }
}

@Suite struct CertificateStoreTests {
    @Test func theCAIsMadeOnceAndReloaded() throws {
        let home = CertsTestHome()
        let first = try CertificateStore(home: home.path)
        #expect(first.authority.certificatePath == home.certs + "/ca.pem")
        #expect(home.mode("ca-key.pem") == 0o600)
        let again = try CertificateStore(home: home.path)
        #expect(again.authority.certificate == first.authority.certificate)
        #expect(try first.authority.certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
    }

    @Test func aLonelyCAFileIsAnErrorNotOverwritten() throws {
        let home = CertsTestHome()
        _ = try CertificateStore(home: home.path)
        try FileManager.default.removeItem(atPath: home.certs + "/ca-key.pem")
        #expect(throws: HangarProxy.CertificateError.self) { try CertificateStore(home: home.path) }
        #expect(FileManager.default.fileExists(atPath: home.certs + "/ca.pem"))
    }

    @Test func addedHostsGetALeafSignedByTheCA() throws {
        let home = CertsTestHome()
        let store = try CertificateStore(home: home.path)
        let entry = try store.add(host: "API.Example.test.", app: "web")
        #expect(entry.host == "api.example.test")
        #expect(entry.source == .hangar)
        #expect(home.mode(entry.keyFile) == 0o600)
        let pem = try String(contentsOfFile: home.certs + "/" + entry.certificateFile, encoding: .utf8)
        let leaf = try Certificate(pemEncoded: pem)
        #expect(leaf.issuer == store.authority.certificate.subject)
        #expect(try leaf.extensions.subjectAlternativeNames == SubjectAlternativeNames([.dnsName("api.example.test")]))
        #expect(try leaf.extensions.extendedKeyUsage == ExtendedKeyUsage([.serverAuth]))
        #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority)
        #expect(leaf.notValidAfter.timeIntervalSinceNow > 390 * 86_400)
        #expect(leaf.notValidAfter.timeIntervalSinceNow < 398 * 86_400)
        #expect(store.app(forHost: "api.example.test:443") == "web")
        #expect(store.material(forServerName: "api.example.test")?.entry.host == "api.example.test")
    }

    @Test func wildcardsCoverOneLabel() throws {
        let home = CertsTestHome()
        let store = try CertificateStore(home: home.path)
        try store.add(host: "*.apps.test", app: "web")
        #expect(store.app(forHost: "a.apps.test") == "web")
        #expect(store.app(forHost: "a.b.apps.test") == nil)
        #expect(store.material(forServerName: "x.apps.test")?.entry.host == "*.apps.test")
        #expect(FileManager.default.fileExists(atPath: home.certs + "/hosts/_.apps.test.pem"))
    }

    @Test func badHostNamesAreRefusedWithTheReason() throws {
        let home = CertsTestHome()
        let store = try CertificateStore(home: home.path)
        for bad in ["", "a..b", "-a.test", "a_b.test", "*.test", "a.*.test", String(repeating: "a", count: 64) + ".test"] {
            #expect(throws: HangarProxy.CertificateError.self) { try store.add(host: bad, app: "web") }
        }
        #expect(store.list().isEmpty)
    }

    @Test func appCertificatesCoverTheAppAndItsSubdomains() throws {
        let home = CertsTestHome()
        let store = try CertificateStore(home: home.path)
        let entry = try store.ensureAppCertificate(app: "web")
        #expect(entry.names == ["web.localhost", "*.web.localhost"])
        #expect(entry.automatic)
        #expect(try store.ensureAppCertificate(app: "web") == entry)
        #expect(store.material(forServerName: "v2.web.localhost")?.entry.host == "web.localhost")
    }

    @Test func anotherProcessesChangesAreSeenWithoutARestart() throws {
        let home = CertsTestHome()
        let daemon = try CertificateStore(home: home.path)
        #expect(daemon.material(forServerName: "late.test") == nil)
        let cli = try CertificateStore(home: home.path)
        try cli.add(host: "late.test", app: "web")
        // A miss re-reads certs.json at once.
        #expect(daemon.material(forServerName: "late.test")?.entry.app == "web")
        try cli.remove(host: "late.test")
        #expect(daemon.list().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: home.certs + "/hosts/late.test.pem"))
        #expect(try cli.remove(host: "late.test") == false)
    }

    @Test func providedPairsAreCheckedAndCopied() throws {
        let home = CertsTestHome()
        let other = CertsTestHome()
        // A pair from another CA plays the user's own certificate.
        let issued = try CertificateStore(home: other.path).add(host: "own.test", app: nil)
        let certificate = other.certs + "/" + issued.certificateFile
        let key = other.certs + "/" + issued.keyFile
        let store = try CertificateStore(home: home.path)
        let entry = try store.add(host: "own.test", app: "web", certificatePath: certificate, keyPath: key)
        #expect(entry.source == .provided)
        #expect(entry.names == ["own.test"])
        try FileManager.default.removeItem(atPath: other.certs)
        #expect(store.material(forServerName: "own.test") != nil)

        // The certificate must name the host, and the key must be its own.
        let third = CertsTestHome()
        let a = try CertificateStore(home: third.path).add(host: "a.test", app: nil)
        let b = try CertificateStore(home: third.path).add(host: "b.test", app: nil)
        #expect(throws: HangarProxy.CertificateError.self) {
            try store.add(host: "z.test", app: "web", certificatePath: third.certs + "/" + a.certificateFile, keyPath: third.certs + "/" + a.keyFile)
        }
        #expect(throws: HangarProxy.CertificateError.self) {
            try store.add(host: "a.test", app: "web", certificatePath: third.certs + "/" + a.certificateFile, keyPath: third.certs + "/" + b.keyFile)
        }
        #expect(throws: HangarProxy.CertificateError.self) {
            try store.add(host: "a.test", app: "web", certificatePath: third.certs + "/missing.pem", keyPath: third.certs + "/" + a.keyFile)
        }
    }

    @Test func listJSONUsesRFC3339Times() throws {
        let home = CertsTestHome()
        let store = try CertificateStore(home: home.path)
        try store.add(host: "json.test", app: "web")
        let data = try JSONEncoder().encode(store.list())
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"not_after\":\""))
        #expect(try JSONDecoder().decode([HostCertificate].self, from: data) == store.list())
    }
}
