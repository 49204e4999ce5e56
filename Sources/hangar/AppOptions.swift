import ArgumentParser
import FlyConfig
import Foundation
import HangarAPI

/// `-a/--app` and `-c/--config`, resolved like flyctl: `-a`, else `$FLY_APP`, else the `app` in the
/// config file (`-c`, or `./fly.toml`).
struct AppOptions: ParsableArguments {
    @Option(name: [.customShort("a"), .long], help: "The app (default: $FLY_APP, else `app` in the fly.toml).")
    var app: String?

    @Option(name: [.customShort("c"), .long], help: "A fly.toml, or the directory holding it (default: ./fly.toml).")
    var config: String?

    func resolveApp(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CLIFailure) -> String {
        let name: String
        if let app {
            name = app
        } else if let fromEnvironment = environment["FLY_APP"], !fromEnvironment.isEmpty {
            name = fromEnvironment
        } else {
            name = try Self.appFromConfig(config)
        }
        if let error = RequestRules.app(name) { throw .usage(error.message) }
        return name
    }

    /// The `app` of a fly.toml (`path` or `./fly.toml`).
    static func appFromConfig(_ path: String?) throws(CLIFailure) -> String {
        let file = ConfigFileLocator.resolve(path)
        guard FileManager.default.isReadableFile(atPath: file) else {
            if path == nil {
                throw .usage("no app given: pass -a APP, set FLY_APP, or run where a fly.toml names the app")
            }
            throw .usage("cannot read \(file)")
        }
        guard let app = FlyConfigLoader.load(path: file).appName, !app.isEmpty else {
            throw .usage("\(file) does not name an app: add `app = \"NAME\"` or pass -a APP")
        }
        return app
    }
}
