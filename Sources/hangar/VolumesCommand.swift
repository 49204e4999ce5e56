import ArgumentParser
import HangarAPI
import HangarRuntime

struct VolumesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volumes",
        abstract: "Create and list an app's volumes.",
        subcommands: [Create.self, List.self])

    static func table(_ volumes: [VolumeSummary]) -> String {
        var table = TableRenderer(["ID", "State", "Name", "Size", "Region", "Attached VM", "Created At"])
        for volume in volumes {
            table.add([
                volume.id, "created", volume.name, "\(volume.sizeGB)GB", "local", volume.attachedMachine ?? "",
                volume.createdAt,
            ])
        }
        return table.render()
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a volume.")

        @OptionGroup var target: AppOptions

        @Argument(help: "The volume name (what [mounts] source refers to).")
        var name: String

        @Option(name: [.customShort("s"), .long], help: "Size in GB (1 to 500).")
        var size: Int = 1

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                if let error = RequestRules.volumeName(name) ?? RequestRules.volumeSize(size) {
                    throw CLIFailure.usage(error.message)
                }
                let volume = try await DaemonClient.resolve().api.createVolume(app: app, name: name, sizeGB: size)
                Output.print(json ? Output.json(volume) : VolumesCommand.table([volume]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the app's volumes.")

        @OptionGroup var target: AppOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                let volumes = try await DaemonClient.resolve().api.volumes(app: app)
                if json {
                    Output.print(Output.json(volumes))
                } else if volumes.isEmpty {
                    Output.print("No volumes are defined for \(app).")
                } else {
                    Output.print(VolumesCommand.table(volumes))
                }
            }
        }
    }
}
