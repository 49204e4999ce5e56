import ArgumentParser
import HangarRuntime

/// `hangar _machine-init ID`: the init of a Machine (PID 1 of its namespaces). The launcher
/// re-executes the running binary with these arguments; a constructor in CHangarShim takes over
/// before `main`, so this command only runs when started by hand, and then says so.
struct MachineInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: MachineInit.subcommand,
        abstract: "Internal: the init process of a machine (started by the launcher).",
        shouldDisplay: false
    )

    @Argument(help: "The machine id.")
    var machineID: String

    func run() throws {
        throw ExitCode(MachineInit.run(arguments: [MachineInit.subcommand, machineID]))
    }
}
