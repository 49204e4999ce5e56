import ArgumentParser
import HangarAPI
import HangarRuntime

struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Redeploy an earlier release (the one before the current, unless VERSION is given).",
        discussion: """
            Makes a new release with the stored config of release VERSION and deploys it like \
            `hangar deploy --image-release VERSION`: release_command, then the machines replaced per the \
            release's strategy, health-gated.
            """)

    @OptionGroup var target: AppOptions

    @Argument(help: "The release to return to (e.g. 3 or v3).")
    var version: String?

    @Option(name: .long, help: "How long each batch may take to start and pass its checks (e.g. 90s, 5m).")
    var waitTimeout: String?

    func run() async throws {
        try await runCommand {
            let app = try target.resolveApp()
            var number: Int?
            if let version {
                let digits = version.hasPrefix("v") ? String(version.dropFirst()) : version
                guard let value = Int(digits), value >= 1 else {
                    throw CLIFailure.usage("invalid release \(version.debugDescription): expected a number like 3 or v3")
                }
                number = value
            }
            let seconds = try waitTimeout.map { text throws(CLIFailure) in try DeployCommand.seconds(text) }
            let api = try DaemonClient.resolve().api
            let request = RollbackRequest(version: number, waitTimeoutSeconds: seconds)
            Output.error("==> Rolling \(app) back to " + (number.map { "release v\($0)" } ?? "the previous release"))
            let result = try await DeployCommand.send(api: api, app: app) { api throws(APIClientError) in
                try await api.rollback(app: app, request: request)
            }
            DeployCommand.show(result)
        }
    }
}
