import ArgumentParser
import FlyConfig
import Foundation
import Glibc
import HangarAPI
import HangarRuntime

extension RuntimeMode: ExpressibleByArgument {}

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Run an app from its fly.toml: start its machines, wait for checks, then follow its logs.",
        discussion: """
            Validates the file (errors stop here, warnings are shown), starts the daemon if none answers, \
            registers or updates the app and waits until every machine is started and its checks pass \
            (exit 1 with the reason if they are not within --wait-timeout). Then, unless --detach, follows \
            the logs; Ctrl-C stops the app gracefully (as `hangar down`).
            """
    )

    @Option(name: [.customShort("c"), .long], help: "A fly.toml, or the directory holding it (default: ./fly.toml).")
    var config: String?

    @Option(name: [.customShort("a"), .long], help: "The app name (default: $FLY_APP, else `app` in the fly.toml).")
    var app: String?

    @Flag(name: .long, help: "Return once the app is up instead of following its logs.")
    var detach = false

    @Option(name: .long, help: "Isolation: isolated, shared or auto (isolated when privileged).")
    var mode: RuntimeMode = .auto

    @Option(name: .long, help: "Seconds to wait for machines to start and pass their checks.")
    var waitTimeout: Int = 300

    @Option(name: .long, help: "When this starts the daemon: its edge proxy listens on every public port + N.")
    var portOffset: Int?

    @Option(name: .long, help: "When this starts the daemon: the address its edge proxy listens on.")
    var proxyHost: String?

    @Flag(name: .long, help: "When this starts the daemon: run it without the edge proxy.")
    var noProxy = false

    @Option(name: .long, help: "When this starts the daemon: also serve the API on TCP at HOST:PORT (bearer tokens required).")
    var apiListen: String?

    /// The daemon flags passed through when `up` has to start the daemon.
    var daemonArguments: [String] {
        (portOffset.map { ["--port-offset", String($0)] } ?? []) + (proxyHost.map { ["--proxy-host", $0] } ?? [])
            + (noProxy ? ["--no-proxy"] : []) + (apiListen.map { ["--api-listen", $0] } ?? [])
    }

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Restart a machine whose health check stays critical for 3 probes in a row (kept with the app).",
            discussion: "Without either flag, the app keeps its setting (off for a new app)."))
    var restartUnhealthy: Bool?

    func run() async throws {
        try await runCommand {
            let path = try configPath()
            let report = FlyConfigValidator.validate(path: path)
            if report.unreadable { throw CLIFailure.usage("cannot read \(path)") }
            for diagnostic in report.diagnostics where diagnostic.severity != .info {
                Output.error(diagnostic.formatted(file: report.file))
            }
            guard report.ok else {
                throw CLIFailure.failed("\(path): configuration is not valid (\(report.errors.count) error(s))")
            }
            let app = try resolveApp(report.loaded.appName)
            guard RequestRules.waitTimeouts.contains(waitTimeout) else {
                throw CLIFailure.usage("--wait-timeout must be from 1 to 86400 seconds")
            }
            if let apiListen, TCPAddress(parsing: apiListen) == nil {
                throw CLIFailure.usage("invalid --api-listen \(apiListen): expected HOST:PORT, e.g. 127.0.0.1:4280")
            }
            let daemon = try DaemonClient.resolve()
            try await daemon.ensureRunning(daemonArguments: daemonArguments)
            if let config = report.loaded.config {
                try await PortConflictCheck.check(app: app, config: config, api: daemon.api)
            }
            // From here on, Ctrl-C (or SIGTERM) stops the app instead of this command (unless --detach).
            let signals = detach ? nil : SignalWaiter([SIGINT, SIGTERM])
            let api = daemon.api
            let request = UpRequest(
                configPath: path, appName: app, mode: mode, waitTimeoutSeconds: waitTimeout,
                restartUnhealthy: restartUnhealthy)
            Output.error("==> Bringing up \(app) from \(path) (mode \(mode.rawValue))")
            let progress = ProgressPrinter()
            switch await Self.bringUp(api: api, app: app, request: request, signals: signals, progress: progress) {
            case .up(let status):
                progress.show(status)
                Output.error("==> \(app) is up")
                Output.print(StatusView.render(status))
            case .failed(let error):
                if let status = try? await api.status(app: app) { Output.print(StatusView.render(status)) }
                throw CLIFailure(error)
            case .interrupted:
                try await Self.stop(api: api, app: app)
                throw CLIFailure.failed("interrupted before \(app) was up; it has been stopped")
            }
            guard let signals else { return }
            Output.error("==> Following the logs of \(app); Ctrl-C stops it")
            if await Self.followUntilSignal(api: api, app: app, signals: signals) {
                try await Self.stop(api: api, app: app)
            } else {
                throw CLIFailure.failed("the daemon ended the log stream; \(app) keeps running")
            }
        }
    }

    private func configPath() throws(CLIFailure) -> String {
        var path = ConfigFileLocator.resolve(config)
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        path = (path as NSString).standardizingPath
        guard FileManager.default.isReadableFile(atPath: path) else { throw .usage("cannot read \(path)") }
        return path
    }

    private func resolveApp(_ fromFile: String?) throws(CLIFailure) -> String {
        let environment = ProcessInfo.processInfo.environment["FLY_APP"].flatMap { $0.isEmpty ? nil : $0 }
        guard let name = app ?? environment ?? fromFile, !name.isEmpty else {
            throw .usage("the fly.toml does not name an app: add `app = \"NAME\"` or pass -a APP")
        }
        if let error = RequestRules.app(name) { throw .usage(error.message) }
        return name
    }

    enum Outcome: Sendable {
        case up(AppStatus)
        case failed(APIClientError)
        case interrupted
    }

    /// Sends `up` and prints machine states as they change until it answers (or a signal comes).
    static func bringUp(
        api: APIClient, app: String, request: UpRequest, signals: SignalWaiter?, progress: ProgressPrinter
    ) async -> Outcome {
        await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do throws(APIClientError) {
                    return .up(try await api.up(request, app: app))
                } catch {
                    return .failed(error)
                }
            }
            group.addTask {
                await progress.poll(api: api, app: app)
                return nil
            }
            if let signals {
                group.addTask { await signals.next() == nil ? nil : .interrupted }
            }
            var outcome = Outcome.interrupted
            for await event in group {
                if let event {
                    outcome = event
                    break
                }
            }
            group.cancelAll()
            return outcome
        }
    }

    /// Prints log lines until a signal (true) or the end of the stream (false).
    static func followUntilSignal(api: APIClient, app: String, signals: SignalWaiter) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                try? await api.followLogs(LogQuery(app: app, tail: 50)) { entry in
                    Output.print(LogLine.render(entry, json: false))
                }
                return false
            }
            group.addTask { await signals.next() != nil }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    static func stop(api: APIClient, app: String) async throws(APIClientError) {
        Output.error("==> Stopping \(app)")
        let status = try await api.down(app: app)
        Output.print(StatusView.render(status))
    }
}
