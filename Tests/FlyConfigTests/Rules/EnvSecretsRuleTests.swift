import Testing
@testable import FlyConfig

@Suite struct EnvSecretsRuleTests {
    private func run(_ env: [String: String]) -> [Diagnostic] {
        EnvSecretsRule().run(makeConfig { $0.env = env })
    }

    @Test func ignoresOrdinarySettings() {
        let env = [
            "PORT": "8080", "NODE_ENV": "production", "DEBUG": "true", "HOST": "api.example.com",
            "API_URL": "http://localhost:3000", "DATABASE_URL": "postgres://app@db.internal:5432/app",
            "STRIPE_PUBLIC_KEY": "pk_live_51H8xYzAbCdEfGhIjKlMnOpQr", "NEXT_PUBLIC_SUPABASE_ANON_KEY": "eyJhbGciOiJIUzI1NiIs",
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "JWT_SECRET_EXPIRES_IN": "3600", "CACHE_KEY": "v1",
            "SESSION_SECRET": "", "API_TOKEN": "${API_TOKEN}", "DB_PASSWORD": "changeme", "TURNSTILE_SITE_KEY": "0x4AAAAAAAB",
            "REVERB_APP_KEY": "reverb_app_key", "IMAGE": "registry.fly.io/my-app:deployment-01HABCDEFG123456",
            "REQUEST_ID_HEADER": "X-Request-Id-Header-Name-V2", "ORG_ID": "123e4567-e89b-12d3-a456-426614174000",
            "DATA_DIR": "/data/uploads/2024/attachments",
        ]
        #expect(run(env).isEmpty)
    }

    @Test func flagsSecretNames() {
        let d = run(["CLOUDINARY_API_SECRET": "MDTCH37UjiuzhiZhZCtVtYpUcjY", "APP_KEY": "base64:abc123def456", "PASSWORD": "hunter22"])
        #expect(d.paths == ["env.APP_KEY", "env.CLOUDINARY_API_SECRET", "env.PASSWORD"])
        #expect(d.allSatisfy { $0.severity == .warning && $0.code == "HG401" })
        #expect(d[1].message.contains("'MDTC…'"))
        #expect(!d[1].message.contains("MDTCH37Uj"))
        #expect(d[1].hint?.contains("hangar secrets set CLOUDINARY_API_SECRET=...") == true)
    }

    @Test func flagsURLsWithPasswordsWhateverTheName() {
        let d = run(["DATABASE_URL": "postgres://admin:s3cr3tpw@db.acme.io:5432/app", "CACHE": "redis://default:abcdef@cache:6379"])
        #expect(d.paths == ["env.CACHE", "env.DATABASE_URL"])
        #expect(d[1].message.contains("a URL with the password of 'admin'"))
        #expect(!d[1].message.contains("s3cr3tpw"))
    }

    @Test func flagsRandomLookingValues() {
        let d = run(["STRIPE": "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "SIGNING": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"])
        #expect(d.paths == ["env.SIGNING", "env.STRIPE"])
        #expect(d.allSatisfy { $0.message.contains("random-looking") })
    }

    @Test func documentationExamplesAreNotSecrets() {
        #expect(run(["DATABASE_URL": "postgres://user:password@db.example.com/app", "SECRET_KEY": "your-secret-key-here"]).isEmpty)
    }

    @Test func masksShortValues() {
        #expect(SecretHeuristics.mask("abc") == "***…")
        #expect(SecretHeuristics.mask("abcdefgh") == "abcd…")
    }
}

@Suite struct WebhookSecretTests {
    @Test func webhookURLsWithTokensAreSecrets() {
        #expect(SecretHeuristics.reason(
            name: "DISCORD_WEBHOOK",
            value: "https://discord.com/api/webhooks/1296386814730440736/L-3ZrhWi-IsFiZ4a40PnpDTcalEoV57Ojy0i2Pcsng4w") != nil)
        #expect(SecretHeuristics.reason(
            name: "ALERTS", value: "https://hooks.slack.com/services/T0000000/B0000000/Xk3jf9sLq02mZpR7vBn4YtWc") != nil)
    }

    @Test func plainURLsAreNot() {
        #expect(SecretHeuristics.reason(name: "WEBHOOK_URL", value: "https://example.org/hooks/deploy") == nil)
        #expect(SecretHeuristics.reason(name: "DOCS_URL", value: "https://github.com/superfly/flyctl/blob/master/README.md") == nil)
    }
}
