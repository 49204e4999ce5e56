import ArgumentParser
import Foundation

@main
struct Hangar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hangar",
        abstract: "Run Fly.io apps from their unmodified fly.toml on machines you own.",
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, ConfigCommand.self, UpCommand.self, DeployCommand.self, ReleasesCommand.self, RollbackCommand.self,
            DownCommand.self, StatusCommand.self,
            MachineCommand.self, ScaleCommand.self, SecretsCommand.self, VolumesCommand.self, LogsCommand.self,
            ChecksCommand.self, AppsCommand.self, DaemonCommand.self, ExportCommand.self, CertsCommand.self,
            TokensCommand.self,
            MachineInitCommand.self,
        ]
    )

    /// Like ArgumentParser's `main`, but wrong arguments exit with 2 (not 64), so scripts can tell
    /// "the config has errors" (1) from "the command line or the file is wrong" (2).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                Output.error(fullMessage(for: error))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

/// Exit codes shared by every command.
enum ExitStatus {
    /// Success.
    static let ok: Int32 = 0
    /// The input was read but is not acceptable (a config with errors).
    static let invalid: Int32 = 1
    /// The command could not do its job: wrong arguments, or a file that cannot be read.
    static let usage: Int32 = 2
}
