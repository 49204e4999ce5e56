import Crypto
import Foundation
import GRDB

/// Bearer tokens for the API's TCP listener. The store keeps only SHA-256(token): a copy of the
/// database does not let anyone call the API.
extension HangarStore {
    /// Makes a token named `name` (default `token`) and returns its secret, which is never readable again.
    public func createToken(name: String?) throws(StoreError) -> NewAPIToken {
        let label = name ?? "token"
        try Self.validateTokenName(label)
        let secret = Self.randomTokenSecret()
        let id = Self.randomTokenID()
        let now = StoreClock.now()
        try write("creating an API token") { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (id, name, hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [id, label, Self.tokenHash(secret), StoreClock.millis(now)])
        }
        return NewAPIToken(token: APIToken(id: id, name: label, createdAt: StoreClock.date(StoreClock.millis(now))), secret: secret)
    }

    /// Every token, oldest first, revoked ones included.
    public func tokens() throws(StoreError) -> [APIToken] {
        try read("listing API tokens") { db in
            try Row.fetchAll(
                db, sql: "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at, id"
            ).map(Self.token)
        }
    }

    /// Revokes a token by id or name; a revoked token is refused from then on.
    @discardableResult
    public func revokeToken(_ idOrName: String) throws(StoreError) -> APIToken {
        guard !idOrName.isEmpty, idOrName.utf8.count <= 64 else { throw .invalid("invalid token id \"\(idOrName)\"") }
        let now = StoreClock.millis(StoreClock.now())
        return try write("revoking an API token") { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE id = ? OR name = ?",
                arguments: [idOrName, idOrName])
            guard !rows.isEmpty else { throw StoreError.notFound("no API token with id or name \"\(idOrName)\"") }
            guard rows.count == 1, let row = rows.first else {
                throw StoreError.conflict("\(rows.count) tokens are named \"\(idOrName)\"; revoke one by its id")
            }
            var token = try Self.token(row)
            if token.revokedAt == nil {
                try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ?", arguments: [now, token.id])
                token.revokedAt = StoreClock.date(now)
            }
            return token
        }
    }

    /// The live token whose secret is `secret`, or nil (unknown or revoked). Records its use.
    public func verifyToken(_ secret: String) throws(StoreError) -> APIToken? {
        guard secret.hasPrefix("hgr_"), secret.utf8.count < 200 else { return nil }
        let hash = Self.tokenHash(secret)
        let now = StoreClock.millis(StoreClock.now())
        return try write("checking an API token") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE hash = ?",
                    arguments: [hash])
            else { return nil }
            let token = try Self.token(row)
            if token.isRevoked { return nil }
            try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [now, token.id])
            return token
        }
    }

    static func token(_ row: Row) throws -> APIToken {
        let used: Int64? = try row.decode(forColumn: "last_used_at")
        let revoked: Int64? = try row.decode(forColumn: "revoked_at")
        return APIToken(
            id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
            createdAt: StoreClock.date(try row.decode(forColumn: "created_at")),
            lastUsedAt: used.map(StoreClock.date), revokedAt: revoked.map(StoreClock.date))
    }

    static func validateTokenName(_ name: String) throws(StoreError) {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 64,
            bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw .invalid("invalid token name \"\(name)\": use 1 to 64 printable characters without spaces")
        }
    }

    /// Lowercase hex SHA-256.
    static func tokenHash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    static func randomTokenSecret() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "hgr_" + encoded
    }

    static func randomTokenID() -> String {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var bytes = Array("tok_".utf8)
        for _ in 0..<16 { bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
