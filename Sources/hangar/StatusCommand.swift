import ArgumentParser
import HangarAPI

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show an app and its machines (flyctl's columns).")

    @OptionGroup var target: AppOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() async throws {
        try await runCommand {
            let app = try target.resolveApp()
            let status = try await DaemonClient.resolve().api.status(app: app)
            Output.print(json ? Output.json(status) : StatusView.render(status))
        }
    }
}
