import ArgumentParser
import HangarAPI

struct AppsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apps", abstract: "The apps this host runs.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List apps: NAME, MACHINES, STARTED, CONFIG.")

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let apps = try await DaemonClient.resolve().api.apps()
                if json {
                    Output.print(Output.json(apps))
                    return
                }
                var table = TableRenderer(["Name", "Machines", "Started", "Config"])
                for app in apps { table.add([app.name, String(app.machines), String(app.started), app.configPath]) }
                Output.print(table.render())
            }
        }
    }
}
