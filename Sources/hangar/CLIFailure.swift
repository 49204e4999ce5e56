import ArgumentParser
import HangarAPI
import HangarRuntime

/// Ends a command with a message on standard error (`Error: ...`) and an exit status: 2 for wrong
/// arguments or an unreadable input file, 1 for a refusal or a failure.
struct CLIFailure: Error {
    let message: String
    let status: Int32

    init(_ message: String, status: Int32) {
        self.message = message
        self.status = status
    }

    static func usage(_ message: String) -> CLIFailure { CLIFailure(message, status: ExitStatus.usage) }
    static func failed(_ message: String) -> CLIFailure { CLIFailure(message, status: ExitStatus.invalid) }

    init(_ error: APIClientError) {
        self.init(error.description, status: error.exitCode)
    }

    init(_ error: ControlError) {
        self.init(error.message, status: error.kind == .invalid ? ExitStatus.usage : ExitStatus.invalid)
    }

    /// Prints the message and turns into ArgumentParser's exit.
    func exit() -> ExitCode {
        Output.error("Error: \(message)")
        return ExitCode(status)
    }
}

/// Runs a command body: a `CLIFailure` (or an API error) is printed and becomes its exit status.
func runCommand(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CLIFailure {
        throw failure.exit()
    } catch let error as APIClientError {
        throw CLIFailure(error).exit()
    } catch let error as ControlError {
        throw CLIFailure(error).exit()
    }
}
