import Crypto
import Foundation
import X509

// Public API:
//
//     let ca = try CertificateAuthority.loadOrCreate(directory: home + "/certs")  // ca.pem + ca-key.pem (0600)
//     ca.certificatePath                                                         // what users trust
//     let leaf = try ca.issue(names: ["web.localhost", "*.web.localhost"])        // IssuedCertificate
//
// The CA is made once (P-256, ten years) and reloaded from the same files afterwards. Leaf
// certificates carry the names as DNS SANs, the serverAuth EKU, digitalSignature key usage, and are
// valid for 397 days (the longest browsers accept), starting one hour in the past against clock skew.

/// Hangar's local certificate authority: one self-signed P-256 CA that signs a leaf per hostname.
public struct CertificateAuthority: Sendable {
    public let certificate: Certificate
    let privateKey: Certificate.PrivateKey
    /// `<directory>/ca.pem`: the certificate to trust (`curl --cacert`, the system trust store).
    public let certificatePath: String
    public let keyPath: String

    public static let validity: TimeInterval = 10 * 365 * 86_400
    public static let leafValidity: TimeInterval = 397 * 86_400

    /// Loads `ca.pem` and `ca-key.pem` from `directory`, or makes and writes them when neither exists.
    /// A directory holding only one of the two is an error (nothing is overwritten).
    public static func loadOrCreate(directory: String, now: Date = Date()) throws(CertificateError) -> CertificateAuthority {
        try CertificateFiles.makeDirectory(directory)
        let certificatePath = directory + "/ca.pem"
        let keyPath = directory + "/ca-key.pem"
        let haveCertificate = FileManager.default.fileExists(atPath: certificatePath)
        let haveKey = FileManager.default.fileExists(atPath: keyPath)
        switch (haveCertificate, haveKey) {
        case (true, true):
            let certificate = try CertificateFiles.readCertificates(certificatePath)[0]
            let key = try CertificateFiles.readPrivateKey(keyPath)
            guard certificate.publicKey == key.publicKey else {
                throw .invalid("\(keyPath) is not the key of \(certificatePath): move both away to make a new CA")
            }
            return CertificateAuthority(certificate: certificate, privateKey: key, certificatePath: certificatePath, keyPath: keyPath)
        case (false, false):
            let authority = try create(now: now, certificatePath: certificatePath, keyPath: keyPath)
            // The key goes first, 0600, so a crash never leaves a certificate without its key.
            try CertificateFiles.write(try pem(authority.privateKey), to: keyPath, mode: 0o600)
            try CertificateFiles.write(try pem(authority.certificate), to: certificatePath, mode: 0o644)
            return authority
        case (true, false):
            throw .invalid("\(certificatePath) exists without \(keyPath): restore the key, or remove both to make a new CA")
        case (false, true):
            throw .invalid("\(keyPath) exists without \(certificatePath): restore the certificate, or remove both to make a new CA")
        }
    }

    static func create(now: Date, certificatePath: String, keyPath: String) throws(CertificateError) -> CertificateAuthority {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        do {
            let name = try DistinguishedName {
                OrganizationName("Hangar")
                CommonName("Hangar local CA \(Self.shortID(key.publicKey))")
            }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: key.publicKey)
            }
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
                notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(validity),
                issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
                issuerPrivateKey: key)
            return CertificateAuthority(certificate: certificate, privateKey: key, certificatePath: certificatePath, keyPath: keyPath)
        } catch {
            throw .failed("making the CA certificate: \(error)")
        }
    }

    /// A new key and a leaf certificate for `names` (DNS names, `*.` wildcards allowed), signed by this CA.
    public func issue(names: [String], now: Date = Date()) throws(CertificateError) -> IssuedCertificate {
        guard let first = names.first else { throw .invalid("a certificate needs at least one name") }
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        do {
            let subject = try DistinguishedName { CommonName(first) }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names.map { GeneralName.dnsName($0) })
                SubjectKeyIdentifier(hash: key.publicKey)
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier)
            }
            let leaf = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
                notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(Self.leafValidity),
                issuer: certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions, issuerPrivateKey: privateKey)
            return IssuedCertificate(
                chainPEM: try Self.pem(leaf) + "\n", keyPEM: try Self.pem(key) + "\n", names: names,
                notAfter: leaf.notValidAfter)
        } catch let error as CertificateError {
            throw error
        } catch {
            throw .failed("signing a certificate for \(first): \(error)")
        }
    }

    static func pem(_ certificate: Certificate) throws(CertificateError) -> String {
        do {
            return try certificate.serializeAsPEM().pemString
        } catch {
            throw .failed("encoding a certificate: \(error)")
        }
    }

    static func pem(_ key: Certificate.PrivateKey) throws(CertificateError) -> String {
        do {
            return try key.serializeAsPEM().pemString
        } catch {
            throw .failed("encoding a private key: \(error)")
        }
    }

    /// Eight hex digits of the key's identifier, so two hosts' CAs have different names.
    static func shortID(_ key: Certificate.PublicKey) -> String {
        SubjectKeyIdentifier(hash: key).keyIdentifier.prefix(4).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}

/// A leaf certificate and its key, PEM encoded, as written under `certs/hosts/`.
public struct IssuedCertificate: Sendable, Hashable {
    public var chainPEM: String
    public var keyPEM: String
    public var names: [String]
    public var notAfter: Date
}

/// What can go wrong with certificates: bad input (a file, a host name) or a failed operation.
public enum CertificateError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalid(String)
    case failed(String)

    public var description: String {
        switch self {
        case .invalid(let message), .failed(let message): return message
        }
    }
}
