import ArgumentParser
import Foundation
import HangarAPI
import HangarRuntime

struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Set, unset and list an app's secrets (values are sealed at rest and never shown).",
        subcommands: [Set.self, Import.self, Unset.self, List.self])

    static func printList(_ secrets: [SecretSummary], json: Bool) {
        if json {
            Output.print(Output.json(secrets))
            return
        }
        var table = TableRenderer(["Name", "Digest", "Created At"])
        for secret in secrets { table.add([secret.name, secret.digest, secret.createdAt]) }
        Output.print(table.render())
    }

    /// NAME=VALUE lines from standard input (at most 16 MiB).
    static func readStandardInput() throws(CLIFailure) -> [(name: String, value: String)] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard data.count <= 16 * 1024 * 1024 else { throw .usage("standard input is larger than 16 MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw .usage("standard input is not UTF-8") }
        do {
            return try Dotenv.parse(text)
        } catch {
            throw .usage(error.message)
        }
    }

    static func set(_ values: [String: String], app: String, json: Bool) async throws {
        guard !values.isEmpty else { throw CLIFailure.usage("no secrets given: pass NAME=VALUE, or - to read them from standard input") }
        let secrets = try await DaemonClient.resolve().api.setSecrets(app: app, values: values)
        if !json { Output.print("Set secrets on \(app): \(values.keys.sorted().joined(separator: ", "))\n") }
        printList(secrets, json: json)
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set secrets: `hangar secrets set NAME=VALUE ...`; `-` reads NAME=VALUE lines from standard input.")

        @OptionGroup var target: AppOptions

        @Argument(help: "NAME=VALUE pairs, or - for standard input.")
        var assignments: [String] = []

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                var values: [String: String]
                do {
                    values = try SecretAssignments.parse(assignments.filter { $0 != "-" })
                    if assignments.contains("-") {
                        for (name, value) in try SecretsCommand.readStandardInput() {
                            try SecretAssignments.add(name, value, to: &values)
                        }
                    }
                } catch let error as ControlError {
                    throw CLIFailure.usage(error.message)
                }
                try await SecretsCommand.set(values, app: app, json: json)
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Set secrets from NAME=VALUE lines on standard input.")

        @OptionGroup var target: AppOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                var values: [String: String] = [:]
                do {
                    for (name, value) in try SecretsCommand.readStandardInput() {
                        try SecretAssignments.add(name, value, to: &values)
                    }
                } catch let error as ControlError {
                    throw CLIFailure.usage(error.message)
                }
                try await SecretsCommand.set(values, app: app, json: json)
            }
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove secrets by name.")

        @OptionGroup var target: AppOptions

        @Argument(help: "Secret names.")
        var names: [String] = []

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                guard !names.isEmpty else { throw CLIFailure.usage("give the names of the secrets to unset") }
                for name in names {
                    if let error = RequestRules.secretName(name) { throw CLIFailure.usage(error.message) }
                }
                let secrets = try await DaemonClient.resolve().api.unsetSecrets(app: app, names: names)
                if !json { Output.print("Unset secrets on \(app): \(names.joined(separator: ", "))\n") }
                SecretsCommand.printList(secrets, json: json)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List secrets: NAME, DIGEST, CREATED AT (never the values).")

        @OptionGroup var target: AppOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                SecretsCommand.printList(try await DaemonClient.resolve().api.secrets(app: app), json: json)
            }
        }
    }
}
