import ArgumentParser
import Foundation
import HangarAPI
import HangarRuntime

struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Set, unset, stage, deploy and list an app's secrets (values are sealed at rest and never shown).",
        subcommands: [Set.self, Import.self, Unset.self, List.self, Deploy.self])

    static func printList(_ secrets: [SecretSummary], json: Bool) {
        if json {
            Output.print(Output.json(secrets))
            return
        }
        var table = TableRenderer(["Name", "Digest", "Status", "Created At"])
        for secret in secrets {
            table.add([
                (secret.staged == true ? "* " : "") + secret.name, secret.digest,
                secret.staged == true ? "Staged" : "Deployed", secret.createdAt,
            ])
        }
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

    static func set(_ values: [String: String], app: String, stage: Bool, json: Bool) async throws {
        guard !values.isEmpty else { throw CLIFailure.usage("no secrets given: pass NAME=VALUE, or - to read them from standard input") }
        let update = try await DaemonClient.resolve().api.updateSecrets(
            app: app, values: values.mapValues { Optional($0) }, stage: stage)
        report(update, verb: stage ? "Staged" : "Set", names: values.keys.sorted(), app: app, json: json)
    }

    static func report(_ update: FlySecretsUpdateResponse, verb: String, names: [String], app: String, json: Bool) {
        if json {
            Output.print(Output.json(update))
            return
        }
        Output.print("\(verb) secrets on \(app): \(names.joined(separator: ", "))")
        if !update.restartedMachines.isEmpty {
            Output.print("Restarted machines, one at a time: \(update.restartedMachines.joined(separator: ", "))")
        } else if verb == "Staged" {
            Output.print("Staged: machines see them after `hangar secrets deploy` or their next start")
        }
        Output.print("")
        printList(update.secrets.map(\.summary), json: false)
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set secrets: `hangar secrets set NAME=VALUE ...`; `-` reads NAME=VALUE lines from standard input.")

        @OptionGroup var target: AppOptions

        @Argument(help: "NAME=VALUE pairs, or - for standard input.")
        var assignments: [String] = []

        @Flag(name: .long, help: "Store the values without restarting machines (apply them with `hangar secrets deploy`).")
        var stage = false

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
                try await SecretsCommand.set(values, app: app, stage: stage, json: json)
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Set secrets from dotenv lines on standard input (NAME=VALUE, quoted and multi-line values).")

        @OptionGroup var target: AppOptions

        @Flag(name: .long, help: "Store the values without restarting machines.")
        var stage = false

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
                try await SecretsCommand.set(values, app: app, stage: stage, json: json)
            }
        }
    }

    struct Unset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Remove secrets by name.")

        @OptionGroup var target: AppOptions

        @Argument(help: "Secret names.")
        var names: [String] = []

        @Flag(name: .long, help: "Remove without restarting machines.")
        var stage = false

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                guard !names.isEmpty else { throw CLIFailure.usage("give the names of the secrets to unset") }
                for name in names {
                    if let error = RequestRules.secretName(name) { throw CLIFailure.usage(error.message) }
                }
                let update = try await DaemonClient.resolve().api.unsetSecrets(app: app, names: names, stage: stage)
                SecretsCommand.report(update, verb: "Unset", names: names, app: app, json: json)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List secrets: NAME, DIGEST, STATUS, CREATED AT (never the values).")

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

    struct Deploy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deploy", abstract: "Apply staged secrets: restart the machines one at a time so they see them.")

        @OptionGroup var target: AppOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                let update = try await DaemonClient.resolve().api.deploySecrets(app: app)
                if update.changed.isEmpty, !json {
                    Output.print("No staged secrets on \(app): nothing to deploy")
                    return
                }
                SecretsCommand.report(update, verb: "Deployed", names: update.changed, app: app, json: json)
            }
        }
    }
}
