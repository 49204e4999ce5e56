import Crypto
import Foundation

/// Seals secret values with ChaCha20-Poly1305. The additional authenticated data is
/// `app=<app>;name=<name>`, so a sealed blob opens only as the secret it was made for: copying it
/// onto another secret (or another app) makes it fail to open.
///
/// Blob layout: one format byte (`0x01`), then the 12-byte nonce, the ciphertext and the 16-byte tag.
public struct SecretSealer: Sendable {
    public let key: SecretKey
    /// The key file the wrong-key message tells the user to restore.
    public let keyFile: String

    static let formatVersion: UInt8 = 1

    public init(key: SecretKey, keyFile: String) {
        self.key = key
        self.keyFile = keyFile
    }

    public static func additionalData(app: String, name: String) -> Data {
        Data("app=\(app);name=\(name)".utf8)
    }

    public func seal(_ value: String, app: String, name: String) throws(StoreError) -> Data {
        do {
            let box = try ChaChaPoly.seal(
                Data(value.utf8), using: key.symmetric, authenticating: Self.additionalData(app: app, name: name))
            return Data([Self.formatVersion]) + box.combined
        } catch {
            throw StoreError(.secretKey, "cannot seal secret \(name) of app \(app): \(error)")
        }
    }

    /// Opens a blob; any failure (wrong key, a blob made for another secret, damage) is one `.secretKey`
    /// error that says what to do.
    public func open(_ blob: Data, app: String, name: String) throws(StoreError) -> String {
        guard blob.first == Self.formatVersion else {
            throw StoreError(.secretKey, "secret \(name) of app \(app) has an unknown sealed format")
        }
        do {
            let box = try ChaChaPoly.SealedBox(combined: blob.dropFirst())
            let plain = try ChaChaPoly.open(
                box, using: key.symmetric, authenticating: Self.additionalData(app: app, name: name))
            guard let value = String(data: plain, encoding: .utf8) else {
                throw StoreError(.secretKey, "secret \(name) of app \(app) does not decode as UTF-8")
            }
            return value
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.keyMismatch(keyFile: keyFile, detail: "secret \(name) of app \(app) did not open")
        }
    }
}

extension StoreError {
    static func keyMismatch(keyFile: String, detail: String) -> StoreError {
        StoreError(
            .secretKey,
            "secret key does not match the sealed secrets; set HANGAR_SECRET_KEY to the key used before or "
                + "restore \(keyFile) (\(detail))")
    }
}
