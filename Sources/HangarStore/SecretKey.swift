import Crypto
import Foundation

/// The 32-byte key that seals secrets at rest. Written as base64 (one line) in `secret.key` or
/// `$HANGAR_SECRET_KEY`; never stored in the database.
public struct SecretKey: Sendable, Equatable {
    let symmetric: SymmetricKey

    public static let byteCount = 32

    init(symmetric: SymmetricKey) {
        self.symmetric = symmetric
    }

    /// A fresh random key.
    public static func generate() -> SecretKey {
        SecretKey(symmetric: SymmetricKey(size: .bits256))
    }

    /// Reads a key written as base64 (surrounding whitespace is ignored). `origin` names where it came
    /// from, for the message.
    public init(base64 text: String, origin: String = "the secret key") throws(StoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed) else {
            throw StoreError(.secretKey, "\(origin) is not valid base64; it must hold 32 random bytes in base64 "
                + "(for example from `openssl rand -base64 32`)")
        }
        guard data.count == Self.byteCount else {
            throw StoreError(.secretKey, "\(origin) decodes to \(data.count) bytes; it must be exactly 32 bytes "
                + "(for example from `openssl rand -base64 32`)")
        }
        symmetric = SymmetricKey(data: data)
    }

    /// The key as base64, the form `secret.key` and `$HANGAR_SECRET_KEY` hold.
    public var base64: String {
        symmetric.withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
