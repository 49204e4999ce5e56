import ArgumentParser
import Foundation
import HangarAPI
import HangarRuntime
import HangarStore

struct VolumesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volumes",
        abstract: "Create, list, extend, fork, snapshot and destroy an app's volumes.",
        subcommands: [Create.self, List.self, Extend.self, Destroy.self, Fork.self, Snapshots.self])

    /// flyctl's columns (without zone and encryption, which a single host does not have), then how
    /// the data is held.
    static func table(_ volumes: [VolumeSummary]) -> String {
        var table = TableRenderer(["ID", "State", "Name", "Size", "Region", "Attached VM", "Created At", "Backing"])
        for volume in volumes {
            table.add([
                volume.id, volume.state, volume.name, "\(volume.sizeGB)GB", "local", volume.attachedMachine ?? "",
                volume.createdAt,
                volume.backing == "image" ? "ext4 image" : "directory (size not enforced)",
            ])
        }
        return table.render()
    }

    /// The volume, then its notes on stderr.
    static func show(_ volume: VolumeSummary, json: Bool) {
        Output.print(json ? Output.json(volume) : table([volume]))
        for note in volume.notes { Output.error("note: \(note)") }
    }

    static func checkID(_ id: String) throws {
        do throws(StoreError) {
            try NameRules.validateVolumeID(id)
        } catch {
            throw CLIFailure.usage(error.message)
        }
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
                VolumesCommand.show(volume, json: json)
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

    struct Extend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend", abstract: "Grow a volume (volumes never shrink), online when it is mounted.")

        @OptionGroup var target: AppOptions

        @Argument(help: "The volume id (vol_...).")
        var id: String

        @Option(name: [.customShort("s"), .long], help: "The new size in GB, more than the current one (up to 500).")
        var size: Int

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                try VolumesCommand.checkID(id)
                if let error = RequestRules.volumeSize(size) { throw CLIFailure.usage(error.message) }
                let volume = try await DaemonClient.resolve().api.extendVolume(app: app, volume: id, sizeGB: size)
                VolumesCommand.show(volume, json: json)
            }
        }
    }

    struct Destroy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "destroy",
            abstract: "Destroy a volume with its data and snapshots (refused while a machine has it).")

        @OptionGroup var target: AppOptions

        @Argument(help: "The volume id (vol_...).")
        var id: String

        @Flag(name: [.customShort("y"), .long], help: "Do not ask for confirmation.")
        var yes = false

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                try VolumesCommand.checkID(id)
                if !yes {
                    guard isatty(STDIN_FILENO) == 1 else {
                        throw CLIFailure.usage(
                            "destroying volume \(id) deletes its data; pass --yes to confirm when not on a terminal")
                    }
                    FileHandle.standardError.write(
                        Data("Destroying volume \(id) deletes its data and snapshots. Continue? [y/N] ".utf8))
                    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                    guard answer == "y" || answer == "yes" else { throw CLIFailure.failed("not destroyed") }
                }
                let volume = try await DaemonClient.resolve().api.destroyVolume(app: app, volume: id)
                if json {
                    Output.print(Output.json(volume))
                } else {
                    Output.print("Destroyed volume \(volume.id) (\(volume.name))")
                }
            }
        }
    }

    struct Fork: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fork", abstract: "Copy a volume into a new, unattached volume for a new machine.")

        @OptionGroup var target: AppOptions

        @Argument(help: "The volume id (vol_...).")
        var id: String

        @Option(name: .long, help: "The new volume's name (default: the source's name).")
        var name: String?

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                try VolumesCommand.checkID(id)
                if let name, let error = RequestRules.volumeName(name) { throw CLIFailure.usage(error.message) }
                let volume = try await DaemonClient.resolve().api.forkVolume(app: app, volume: id, name: name)
                VolumesCommand.show(volume, json: json)
            }
        }
    }

    struct Snapshots: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshots", abstract: "Take and list point-in-time copies of a volume.",
            subcommands: [Create.self, List.self])

        static func table(_ snapshots: [SnapshotSummary]) -> String {
            var table = TableRenderer(["ID", "Status", "Size", "Created At"])
            for snapshot in snapshots {
                table.add([snapshot.id, snapshot.status, "\(snapshot.storedBytes)", snapshot.createdAt])
            }
            return table.render()
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "create", abstract: "Snapshot a volume.")

            @OptionGroup var target: AppOptions

            @Argument(help: "The volume id (vol_...).")
            var id: String

            @Flag(name: .long, help: "Print JSON.")
            var json = false

            func run() async throws {
                try await runCommand {
                    let app = try target.resolveApp()
                    try VolumesCommand.checkID(id)
                    let snapshot = try await DaemonClient.resolve().api.createSnapshot(app: app, volume: id)
                    Output.print(json ? Output.json(snapshot) : Snapshots.table([snapshot]))
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List a volume's snapshots.")

            @OptionGroup var target: AppOptions

            @Argument(help: "The volume id (vol_...).")
            var id: String

            @Flag(name: .long, help: "Print JSON.")
            var json = false

            func run() async throws {
                try await runCommand {
                    let app = try target.resolveApp()
                    try VolumesCommand.checkID(id)
                    let snapshots = try await DaemonClient.resolve().api.snapshots(app: app, volume: id)
                    if json {
                        Output.print(Output.json(snapshots))
                    } else if snapshots.isEmpty {
                        Output.print("No snapshots of volume \(id).")
                    } else {
                        Output.print(Snapshots.table(snapshots))
                    }
                }
            }
        }
    }
}
