import Foundation
import Testing
@testable import HangarExport

/// Secrets reach exports by name only. Values never enter a plan; these tests also make sure no
/// renderer writes anything that could be one.
@Suite struct SecretTests {
    static let secrets = ["API_TOKEN", "DATABASE_URL", "LOG_LEVEL"]

    @Test(arguments: ExportFixtures.examples, ExportFormat.allCases)
    func onlyNamesAreWritten(example: String, format: ExportFormat) throws {
        let config = try ExportFixtures.example(example)
        let plan = try HangarExport.plan(config: config, secretNames: Self.secrets)
        let output = try HangarExport.render(format, plan: plan, config: config, options: ExportOptions(image: "img:1"))
        for name in Self.secrets { #expect(output.text.contains(name), "\(name) is referenced") }
        // LOG_LEVEL is also in [env] with the value "info": the secret wins, so no `LOG_LEVEL` value.
        #expect(!output.text.contains("LOG_LEVEL=info"))
        #expect(!output.text.contains("LOG_LEVEL = \"info\""))
        #expect(!output.text.contains("name: LOG_LEVEL\n          value:"))
        #expect(!output.text.contains("stringData"))
        #expect(!output.text.contains("\ndata:"))
    }

    @Test func kubernetesReferencesTheSecretByKey() throws {
        let out = try ExportFixtures.render(
            "app = \"a\"\n[processes]\nweb = \"srv\"\n", .kubernetes, secrets: ["API_TOKEN"])
        #expect(out.text.contains("hangar.dev/secret-keys: API_TOKEN"))
        #expect(out.text.contains("secretKeyRef:\n              name: a-secrets\n              key: API_TOKEN"))
    }

    @Test func composeListsBareNames() throws {
        let out = try ExportFixtures.render("app = \"a\"\n[processes]\nweb = \"srv\"\n", .compose, secrets: ["API_TOKEN"])
        #expect(out.text.contains("    - API_TOKEN\n"))
    }

    @Test func nomadReadsVariables() throws {
        let out = try ExportFixtures.render("app = \"a\"\n[processes]\nweb = \"srv\"\n", .nomad, secrets: ["API_TOKEN"])
        #expect(out.text.contains("{{ with nomadVar \"nomad/jobs/a\" }}\nAPI_TOKEN={{ .API_TOKEN }}\n{{ end }}"))
    }

    @Test func secretFilesAreReferencesToo() throws {
        let text = """
            app = "a"
            [processes]
            web = "srv"
            [[files]]
            guest_path = "/etc/tls/key.pem"
            secret_name = "TLS_KEY"
            processes = ["web"]
            """
        let k = try ExportFixtures.render(text, .kubernetes)
        #expect(k.text.contains("hangar.dev/secret-keys: TLS_KEY"))
        #expect(k.text.contains("subPath: TLS_KEY"))
        let c = try ExportFixtures.render(text, .compose)
        #expect(c.text.contains("secrets:\n  TLS_KEY:\n    environment: TLS_KEY"))
        let n = try ExportFixtures.render(text, .nomad)
        #expect(n.text.contains("{{ .TLS_KEY }}"))
    }
}
