import ArgumentParser
import HangarAPI

struct ChecksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "Health checks of an app's machines.",
        subcommands: [List.self])

    struct Row: Encodable {
        var machine: String
        var name: String
        var status: String
        var output: String
        var updatedAt: String
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List every check: NAME, STATUS, MACHINE, LAST UPDATED, OUTPUT.")

        @OptionGroup var target: AppOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                let status = try await DaemonClient.resolve().api.status(app: app)
                let rows = status.machines.flatMap { machine in
                    machine.checks.map {
                        Row(machine: machine.id, name: $0.name, status: $0.status, output: $0.output, updatedAt: $0.updatedAt)
                    }
                }
                if json {
                    Output.print(Output.json(rows))
                    return
                }
                guard !rows.isEmpty else {
                    Output.print("No health checks are defined for \(app).")
                    return
                }
                var table = TableRenderer(["Name", "Status", "Machine", "Last Updated", "Output"])
                for row in rows { table.add([row.name, row.status, row.machine, row.updatedAt, row.output]) }
                Output.print(table.render())
            }
        }
    }
}
