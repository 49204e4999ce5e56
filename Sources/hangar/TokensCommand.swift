import ArgumentParser
import HangarAPI

/// Bearer tokens for the API on TCP (`hangar daemon --api-listen`). Managed over the unix socket only.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke the bearer tokens the API asks for on TCP (--api-listen).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Make a token and print it once (only its SHA-256 is stored).")

        @Option(name: .long, help: "A name to tell the token by in `tokens list`.")
        var name: String?

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let client = try DaemonClient.resolve()
                try await client.ensureRunning()
                let created = try await client.api.createToken(name: name)
                if json {
                    Output.print(Output.json(created))
                    return
                }
                Output.error("Created token \(created.token.id) (\(created.token.name)); it is shown only this once:")
                Output.print(created.secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens: ID, NAME, CREATED AT, LAST USED, STATUS.")

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let tokens = try await DaemonClient.resolve().api.tokens()
                if json {
                    Output.print(Output.json(tokens))
                    return
                }
                var table = TableRenderer(["ID", "Name", "Created At", "Last Used", "Status"])
                for token in tokens {
                    table.add([
                        token.id, token.name, token.createdAt, token.lastUsedAt ?? "-",
                        token.revokedAt == nil ? "active" : "revoked",
                    ])
                }
                Output.print(table.render())
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by id or name.")

        @Argument(help: "The token's id (tok_...) or name.")
        var token: String

        func run() async throws {
            try await runCommand {
                let revoked = try await DaemonClient.resolve().api.revokeToken(token)
                Output.print("Revoked token \(revoked.id) (\(revoked.name))")
            }
        }
    }
}
