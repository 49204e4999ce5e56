import ArgumentParser
import HangarAPI
import HangarRuntime

struct ScaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Set how many machines each process group runs (persisted).",
        subcommands: [Count.self, Show.self])

    struct Count: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "count",
            abstract: "Set machine counts: `hangar scale count web=3 worker=1`, or `hangar scale count 2` for an app with one process group.")

        @OptionGroup var target: AppOptions

        @Argument(help: "GROUP=COUNT pairs, or one COUNT.")
        var specs: [String] = []

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                let spec: ScaleSpec
                do throws(ControlError) {
                    spec = try ScaleSpec.parse(specs)
                } catch {
                    throw CLIFailure.usage(error.message)
                }
                let api = try DaemonClient.resolve().api
                var counts = spec.counts
                if let bare = spec.bare {
                    let groups = Set(try await api.status(app: app).machines.map(\.group)).sorted()
                    guard groups.count == 1, let only = groups.first else {
                        throw CLIFailure.usage(
                            "\(app) has \(groups.isEmpty ? "no running process groups" : "process groups \(groups.joined(separator: ", "))"); "
                                + "name one: GROUP=\(bare)")
                    }
                    counts = [only: bare]
                }
                let status = try await api.scale(app: app, counts: counts)
                if json {
                    Output.print(Output.json(status))
                    return
                }
                let summary = counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                Output.print("Scaled \(app): \(summary)\n")
                Output.print(StatusView.render(status))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show the machines per process group: NAME, COUNT, MEMORY, REGIONS.")

        @OptionGroup var target: AppOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        struct Group: Encodable {
            var name: String
            var count: Int
            var memoryMB: Int
            var regions: [String]
        }

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                let status = try await DaemonClient.resolve().api.status(app: app)
                let groups = Dictionary(grouping: status.machines.filter { $0.state != "destroyed" }, by: \.group)
                    .sorted { $0.key < $1.key }
                    .map { name, machines in
                        Group(
                            name: name, count: machines.count, memoryMB: machines.map(\.memoryMB).max() ?? 0,
                            regions: Array(Set(machines.map(\.region))).sorted())
                    }
                if json {
                    Output.print(Output.json(groups))
                    return
                }
                var table = TableRenderer(["Name", "Count", "Memory", "Regions"])
                for group in groups {
                    table.add([group.name, String(group.count), "\(group.memoryMB)MB", group.regions.joined(separator: ",")])
                }
                Output.print("VM Resources for app: \(app)\n\nGroups\n" + table.render())
            }
        }
    }
}
