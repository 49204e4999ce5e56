import Foundation
@testable import HangarAPI
import HangarRuntime
import Testing

/// Secrets through the API on a live daemon: staging stores without restarting, deploy and plain
/// sets roll the machines so they see the value, the list shows digests only, the plaintext is
/// nowhere under the home, and bad requests change nothing.
@Suite(.serialized) struct SecretsRolloutTests {
    /// What the sample app's machine sees in its environment.
    static func env(_ daemon: APILiveDaemon, _ name: String) async throws -> String {
        let status = try await daemon.client.status(app: APILiveDaemon.app)
        let port = try #require(status.machines.first(where: { $0.state == "started" })?.port)
        return try await APILiveProcess.run("/usr/bin/curl", ["-s", "-m", "10", "http://127.0.0.1:\(port)/env/\(name)"])
    }

    @Test func stagedThenDeployedThenSetRollsAndNeverStoresThePlaintext() async throws {
        try await APILiveDaemon.run { daemon in
            _ = try await daemon.up()
            let app = APILiveDaemon.app
            let plaintext = "plain-zebra-4711-secret"

            let staged = try await daemon.client.updateSecrets(app: app, values: ["API_KEY": plaintext], stage: true)
            #expect(staged.restartedMachines.isEmpty)
            #expect(staged.secrets.first { $0.name == "API_KEY" }?.status == "staged")
            #expect(try await Self.env(daemon, "API_KEY") == "")

            let deployed = try await daemon.client.deploySecrets(app: app)
            #expect(deployed.restartedMachines.count == 1)
            #expect(deployed.secrets.first { $0.name == "API_KEY" }?.status == "deployed")
            #expect(try await Self.env(daemon, "API_KEY") == plaintext)

            let set = try await daemon.client.updateSecrets(app: app, values: ["API_KEY": plaintext + "-2"], stage: false)
            #expect(set.restartedMachines.count == 1)
            #expect(try await Self.env(daemon, "API_KEY") == plaintext + "-2")

            let listed = try await daemon.send("GET", "/v1/apps/\(app)/secrets")
            #expect(!listed.body.contains(plaintext))
            #expect(listed.body.contains("\"digest\""))

            let grep = try await APILiveProcess.run("/usr/bin/grep", ["-r", "-a", "-l", "-F", plaintext, daemon.home])
            #expect(grep.isEmpty, "the plaintext appears in \(grep)")
        }
    }

    @Test func badRequestsAreRefusedAndChangeNothing() async throws {
        try await APILiveDaemon.run { daemon in
            _ = try await daemon.up()
            let app = APILiveDaemon.app
            let before = try await daemon.send("GET", "/v1/apps/\(app)/secrets")
            for (json, expected) in [("{not json", 400), (#"{"values": 5}"#, 400), (#"{"values": {"A": 5}}"#, 400),
                                     (#"{"values": {"bad name": "x"}}"#, 400), ("", 400)] {
                let response = try await daemon.send("POST", "/v1/apps/\(app)/secrets", json: json)
                #expect(response.status == expected, "\(json): \(response.body)")
                #expect(response.body.contains("\"error\""))
            }
            #expect(try await daemon.send("POST", "/v1/apps/nosuchapp/secrets", json: #"{"values": {"A": "b"}}"#).status == 404)
            #expect(try await daemon.send("GET", "/v1/apps/\(app)/machines/0123456789abcd").status == 404)
            #expect(try await daemon.send("POST", "/v1/apps/\(app)/machines/zz/start").status == 400)
            #expect(try await daemon.send("PATCH", "/v1/apps/\(app)/secrets").status == 405)
            #expect(try await daemon.send("POST", "/v1/apps", json: #"{"app_name": "apilive"}"#).status == 409)
            #expect(try await daemon.send("GET", "/v1/apps/\(app)/secrets").body == before.body)
        }
    }
}
