import ArgumentParser

@main
struct Hangar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hangar",
        abstract: "Run Fly.io apps from their unmodified fly.toml on machines you own.",
        version: "0.1.0",
        subcommands: []
    )
}
