import Crypto
import Foundation

/// The digest `secrets list` shows: the first 16 hex characters of SHA-256(value), like flyctl's
/// digest column. It lets a user check which value is set (`printf %s "$VALUE" | sha256sum | cut -c1-16`)
/// without the store ever showing the value.
enum SecretDigest {
    static func of(_ value: String) -> String {
        let hash = SHA256.hash(data: Data(value.utf8))
        let hex = hash.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        return String(hex.prefix(16))
    }
}
