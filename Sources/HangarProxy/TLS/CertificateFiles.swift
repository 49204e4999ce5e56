import Foundation
import SwiftASN1
import X509

/// File plumbing for certificates: atomic writes with a mode, PEM reads with clear errors.
enum CertificateFiles {
    static func makeDirectory(_ path: String) throws(CertificateError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .failed("cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// Writes `text` to a temporary file with `mode`, then renames it over `path`.
    static func write(_ text: String, to path: String, mode: Int) throws(CertificateError) {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        else { throw .failed("cannot write \(temporary)") }
        // createFile honours the umask; set the mode again so keys are 0600 whatever it is.
        chmod(temporary, mode_t(mode))
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .failed("cannot rename \(temporary) to \(path): \(String(cString: strerror(code)))")
        }
    }

    static func readText(_ path: String) throws(CertificateError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalid("cannot read \(path): no such file, or not readable")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every `CERTIFICATE` block of a PEM file, in order (leaf first for a chain); at least one.
    static func readCertificates(_ path: String) throws(CertificateError) -> [Certificate] {
        try parseCertificates(try readText(path), source: path)
    }

    static func parseCertificates(_ text: String, source: String) throws(CertificateError) -> [Certificate] {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw .invalid("\(source) is not a PEM file: \(error)")
        }
        var certificates: [Certificate] = []
        for document in documents where document.discriminator == "CERTIFICATE" {
            do {
                certificates.append(try Certificate(pemDocument: document))
            } catch {
                throw .invalid("\(source) holds a certificate that cannot be parsed: \(error)")
            }
        }
        guard !certificates.isEmpty else { throw .invalid("\(source) holds no CERTIFICATE block") }
        return certificates
    }

    /// The private key of a PEM file (PKCS#8, SEC1 EC or PKCS#1 RSA).
    static func readPrivateKey(_ path: String) throws(CertificateError) -> Certificate.PrivateKey {
        let text = try readText(path)
        do {
            return try Certificate.PrivateKey(pemEncoded: text)
        } catch {
            throw .invalid("\(path) holds no private key that can be read (PEM, PKCS#8, EC or RSA): \(error)")
        }
    }

    /// The identity and modification time of a file (nil when it does not exist): a rename over it
    /// (every write here) changes the inode, so two writes within one clock tick still differ.
    static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(
            inode: UInt64(info.st_ino), size: Int64(info.st_size), seconds: Int64(info.st_mtim.tv_sec),
            nanoseconds: Int64(info.st_mtim.tv_nsec))
    }
}

/// See `CertificateFiles.stamp`.
struct FileStamp: Sendable, Hashable {
    var inode: UInt64
    var size: Int64
    var seconds: Int64
    var nanoseconds: Int64
}
