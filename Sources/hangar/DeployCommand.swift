import ArgumentParser
import FlyConfig
import Foundation
import HangarAPI
import HangarCore
import HangarRuntime

extension DeploySpec.Strategy: ExpressibleByArgument {}

struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy a new release: release_command, then replace the machines per the strategy.",
        discussion: """
            A changed fly.toml or app file (anything in the fly.toml's directory except version-control \
            and build junk and what .dockerignore excludes) makes a new numbered release; with no change \
            it says so and does nothing. [deploy] release_command runs first in a temporary machine; if it \
            fails, nothing changes. Then machines are replaced per the strategy, each batch waited for \
            (started, checks passing); a machine that crashes fails the deploy at once. On failure the \
            previous release is put back, unless --no-rollback.
            """
    )

    @Option(name: [.customShort("c"), .long], help: "A fly.toml, or the directory holding it (default: ./fly.toml).")
    var config: String?

    @Option(name: [.customShort("a"), .long], help: "The app name (default: $FLY_APP, else `app` in the fly.toml).")
    var app: String?

    @Option(name: .long, help: "rolling, immediate, canary or bluegreen (default: [deploy] strategy, else rolling).")
    var strategy: DeploySpec.Strategy?

    @Option(name: .long, help: "How long each batch may take to start and pass its checks (e.g. 90s, 5m; default 5m).")
    var waitTimeout: String?

    @Flag(name: .long, help: "Return once the deploy has started; `hangar status` shows its progress.")
    var detach = false

    @Flag(name: .long, help: "Leave the machines as they are when the deploy fails.")
    var noRollback = false

    @Option(name: .long, help: "Redeploy the stored release N instead of the files on disk.")
    var imageRelease: Int?

    func run() async throws {
        try await runCommand {
            let path = try DeployCommand.configPath(config)
            let report = FlyConfigValidator.validate(path: path)
            if report.unreadable { throw CLIFailure.usage("cannot read \(path)") }
            for diagnostic in report.diagnostics where diagnostic.severity != .info {
                Output.error(diagnostic.formatted(file: report.file))
            }
            guard report.ok else {
                throw CLIFailure.failed("\(path): configuration is not valid (\(report.errors.count) error(s))")
            }
            let name = try DeployCommand.resolveApp(app, fromFile: report.loaded.appName)
            let seconds = try waitTimeout.map { text throws(CLIFailure) in try DeployCommand.seconds(text) }
            if let imageRelease, imageRelease < 1 { throw CLIFailure.usage("--image-release must be 1 or more") }
            let daemon = try DaemonClient.resolve()
            try await daemon.ensureRunning()
            let request = DeployRequest(
                configPath: path, appName: name, strategy: strategy, waitTimeoutSeconds: seconds, detach: detach,
                autoRollback: !noRollback, imageRelease: imageRelease,
                user: ProcessInfo.processInfo.environment["USER"])
            Output.error("==> Deploying \(name) from \(path)")
            let result = try await DeployCommand.send(api: daemon.api, app: name) { api throws(APIClientError) in
                try await api.deploy(request, app: name)
            }
            DeployCommand.show(result)
        }
    }

    /// Sends the request, printing the deploy's step and machine states as they change until it answers.
    static func send(
        api: APIClient, app: String, _ body: @escaping @Sendable (APIClient) async throws(APIClientError) -> DeployResult
    ) async throws(APIClientError) -> DeployResult {
        let progress = ProgressPrinter()
        let outcome = await withTaskGroup(of: Result<DeployResult, APIClientError>?.self) { group in
            group.addTask {
                do throws(APIClientError) {
                    return .success(try await body(api))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                var lastStep = ""
                while !Task.isCancelled {
                    if let status = try? await api.status(app: app) {
                        if let deploy = status.deploy, deploy.step != lastStep {
                            lastStep = deploy.step
                            Output.error("--> \(TableRenderer.safe(deploy.step))")
                        }
                        progress.show(status)
                    }
                    try? await Task.sleep(for: .milliseconds(500))
                }
                return nil
            }
            var result: Result<DeployResult, APIClientError> = .failure(.transport("no answer"))
            for await value in group {
                if let value {
                    result = value
                    break
                }
            }
            group.cancelAll()
            return result
        }
        return try outcome.get()
    }

    static func show(_ result: DeployResult) {
        for note in result.notes { Output.error(TableRenderer.safe(note)) }
        switch result.outcome {
        case .unchanged:
            Output.error("==> Nothing to deploy")
        case .started:
            Output.error("==> Deploy of release v\(result.release?.version ?? 0) started; `hangar status` shows its progress")
        case .deployed:
            Output.error("==> Release v\(result.release?.version ?? 0) deployed")
            Output.print(StatusView.render(result.status))
        }
    }

    static func configPath(_ config: String?) throws(CLIFailure) -> String {
        var path = ConfigFileLocator.resolve(config)
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        path = (path as NSString).standardizingPath
        guard FileManager.default.isReadableFile(atPath: path) else { throw .usage("cannot read \(path)") }
        return path
    }

    static func resolveApp(_ given: String?, fromFile: String?) throws(CLIFailure) -> String {
        let environment = ProcessInfo.processInfo.environment["FLY_APP"].flatMap { $0.isEmpty ? nil : $0 }
        guard let name = given ?? environment ?? fromFile, !name.isEmpty else {
            throw .usage("the fly.toml does not name an app: add `app = \"NAME\"` or pass -a APP")
        }
        if let error = RequestRules.app(name) { throw .usage(error.message) }
        return name
    }

    /// `90`, `90s`, `5m`, `1h30m`: whole seconds from 1 to 86400.
    static func seconds(_ text: String) throws(CLIFailure) -> Int {
        let value: Int64
        if let plain = Int64(text) {
            value = plain
        } else {
            do throws(DurationParseError) {
                value = try FlyDuration.parse(text).nanoseconds / 1_000_000_000
            } catch {
                throw .usage("invalid --wait-timeout \(text.debugDescription): use a duration like 90s or 5m")
            }
        }
        guard (1...86_400).contains(value) else { throw .usage("--wait-timeout must be from 1s to 24h") }
        return Int(value)
    }
}
