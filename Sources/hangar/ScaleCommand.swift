import ArgumentParser
import HangarAPI
import HangarRuntime

struct ScaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Set how many machines each process group runs, and their VM size and memory (persisted).",
        subcommands: [Count.self, Memory.self, VM.self, Show.self])

    /// Sets the VM of one group, or of every group, and prints `scale show`.
    static func setVM(app: String, group: String?, size: String?, memoryMB: Int?, json: Bool) async throws {
        if let group, let error = RequestRules.group(group) { throw CLIFailure.usage(error.message) }
        let rows = try await DaemonClient.resolve().api.scaleVM(app: app, group: group, size: size, memoryMB: memoryMB)
        if json {
            Output.print(Output.json(rows))
            return
        }
        let what = [size.map { "VM size \($0)" }, memoryMB.map { "memory \($0) MB" }].compactMap { $0 }.joined(separator: ", ")
        Output.print("Set \(what) for \(group.map { "process group \($0)" } ?? "every process group") of \(app)\n")
        Show.render(app: app, rows)
    }

    struct Memory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "memory",
            abstract: "Set the memory of a process group's machines in MB (a multiple of 256); the machines are replaced.")

        @OptionGroup var target: AppOptions

        @Argument(help: "Memory in MB, e.g. 512 or 1024.")
        var megabytes: Int

        @Option(name: [.customShort("g"), .long], help: "The process group (default: every group).")
        var processGroup: String?

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                try await ScaleCommand.setVM(app: app, group: processGroup, size: nil, memoryMB: megabytes, json: json)
            }
        }
    }

    struct VM: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vm",
            abstract: "Set the VM size of a process group's machines (shared-cpu-1x, performance-2x, ...); the machines are replaced.")

        @OptionGroup var target: AppOptions

        @Argument(help: "A VM size, e.g. shared-cpu-2x.")
        var size: String

        @Option(name: [.customShort("g"), .long], help: "The process group (default: every group).")
        var processGroup: String?

        @Option(name: .long, help: "Memory in MB, instead of the size's own.")
        var vmMemory: Int?

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                try await ScaleCommand.setVM(app: app, group: processGroup, size: size, memoryMB: vmMemory, json: json)
            }
        }
    }

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
            commandName: "show", abstract: "Show each process group: COUNT, KIND, CPUS, MEMORY, SIZE, REGIONS (like flyctl).")

        @OptionGroup var target: AppOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        static func render(app: String, _ rows: [GroupScaleSummary]) {
            var table = TableRenderer(["Name", "Count", "Kind", "CPUs", "Memory", "Size", "Regions"])
            for row in rows {
                table.add([
                    row.group, String(row.count), row.cpuKind, String(row.cpus), "\(row.memoryMB) MB", row.vmSize, "local",
                ])
            }
            Output.print("VM Resources for app: \(app)\n\nGroups\n" + table.render())
        }

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                let rows = try await DaemonClient.resolve().api.scaleShow(app: app)
                if json {
                    Output.print(Output.json(rows))
                    return
                }
                Show.render(app: app, rows)
            }
        }
    }
}
