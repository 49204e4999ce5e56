import Foundation
@testable import HangarAPI
import Testing

/// The TCP listener: no token, a bad token and a revoked token get 401; a good one gets through;
/// token management is not on TCP. The store keeps only the token's hash.
@Suite(.serialized) struct TokenAuthTests {
    @Test func bearerTokensGuardTheTCPListener() async throws {
        try await APILiveDaemon.run { daemon in
            #expect(try await daemon.curl("GET", "/v1/apps", token: nil).status == 401)
            #expect(try await daemon.curl("GET", "/v1/apps", token: "hgr_not-a-real-token").status == 401)
            #expect(try await daemon.curl("GET", "/v1/apps", token: "").status == 401)

            let (created, body) = try await daemon.send("POST", "/v1/hangar/tokens", json: #"{"name": "ci"}"#)
            #expect(created == 201)
            let token = try JSONDecoder().decode(TokenCreated.self, from: Data(body.utf8))
            #expect(token.secret.hasPrefix("hgr_"))

            let good = try await daemon.curl("GET", "/v1/apps", token: token.secret)
            #expect(good.status == 200)
            #expect(good.body.contains("\"total_apps\""))
            #expect(try await daemon.curl("GET", "/v1/hangar/tokens", token: token.secret).status == 404)

            // Only the SHA-256 is stored: the secret is nowhere in the state directory.
            let grep = try await APILiveProcess.run("/usr/bin/grep", ["-r", "-a", "-l", "-F", token.secret, daemon.home])
            #expect(grep.isEmpty, "the token appears in \(grep)")

            let (revoked, _) = try await daemon.send("DELETE", "/v1/hangar/tokens/\(token.token.id)")
            #expect(revoked == 200)
            #expect(try await daemon.curl("GET", "/v1/apps", token: token.secret).status == 401)
            let list = try await daemon.send("GET", "/v1/hangar/tokens")
            #expect(list.body.contains("\"revoked_at\""))
        }
    }
}
