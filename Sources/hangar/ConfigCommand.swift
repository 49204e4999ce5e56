import ArgumentParser
import FlyConfig
import Foundation

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect an app's configuration.",
        subcommands: [ShowConfig.self]
    )

    struct ShowConfig: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the normalised configuration (legacy forms converted) as JSON.",
            discussion: """
                Durations print in Go's canonical form ("1m21s"), VM memory in MB. Adds \
                "process_groups" and "default_process_group". Exits 1 with the error when the \
                config does not load (a syntax error, or a type error flyctl would report), 2 when \
                the file cannot be read.
                """
        )

        @Argument(help: "Config file or app directory (default: ./fly.toml).")
        var path: String?

        @Option(name: [.customShort("c"), .long], help: "Config file or app directory (same as PATH).")
        var config: String?

        @Flag(name: .long, help: "Print JSON (the only format; accepted for symmetry with other read commands).")
        var json = false

        func validate() throws {
            if path != nil, config != nil {
                throw ValidationError("give the config either as PATH or with --config, not both")
            }
        }

        func run() async throws {
            let file = ConfigFileLocator.resolve(path ?? config)
            let loaded = FlyConfigLoader.load(path: file)
            let failures = loaded.diagnostics.filter { $0.severity == .error }
            guard loaded.config != nil, failures.isEmpty else {
                for diagnostic in failures { Output.error(diagnostic.formatted(file: file)) }
                let unreadable = failures.contains { $0.code == DecodeCode.unreadable }
                throw ExitCode(unreadable ? ExitStatus.usage : ExitStatus.invalid)
            }
            Output.print(ConfigRenderer.json(loaded))
        }
    }
}
