import ArgumentParser
import HangarAPI

struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Stop every machine of an app gracefully; keeps machines, volumes, secrets and scale.")

    @OptionGroup var target: AppOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() async throws {
        try await runCommand {
            let app = try target.resolveApp()
            let status = try await DaemonClient.resolve().api.down(app: app)
            if json {
                Output.print(Output.json(status))
            } else {
                Output.print("Stopped \(app): \(status.machines.count) machine(s)\n")
                Output.print(StatusView.render(status))
            }
        }
    }
}
