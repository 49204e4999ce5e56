import ArgumentParser
import HangarAPI
import HangarRuntime

struct MachineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "machine",
        abstract: "List, inspect, start, stop, restart and destroy an app's machines.",
        subcommands: [List.self, Status.self, Start.self, Stop.self, Restart.self, Suspend.self, Destroy.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the app's machines.")

        @OptionGroup var target: AppOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                let machines = try await DaemonClient.resolve().api.machines(app: app)
                if json {
                    Output.print(Output.json(machines))
                    return
                }
                guard !machines.isEmpty else {
                    Output.print("No machines are available on this app.")
                    return
                }
                var table = TableRenderer([
                    "ID", "State", "Checks", "Region", "Process Group", "IP Address", "Port", "Volume", "Size", "Version",
                    "Last Updated",
                ])
                for machine in machines {
                    table.add([
                        machine.id, machine.state, StatusView.checksSummary(machine.checks), machine.region, machine.group,
                        machine.address ?? "", machine.port.map(String.init) ?? "", machine.volume ?? "",
                        "\(machine.memoryMB)MB", machine.version, machine.updatedAt,
                    ])
                }
                Output.print("\(machines.count) machine(s) in app \(app)\n")
                Output.print(table.render())
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Show one machine and its recent events.")

        @OptionGroup var target: AppOptions

        @Argument(help: "The machine id.")
        var id: String

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        struct Detail: Encodable {
            var machine: MachineStatus
            var events: [EventSummary]
        }

        func run() async throws {
            try await runCommand {
                let app = try target.resolveApp()
                try MachineIDs.check([id])
                let api = try DaemonClient.resolve().api
                let machine = try await api.machine(app: app, id: id)
                let events = try await api.events(app: app, machine: id)
                if json {
                    Output.print(Output.json(Detail(machine: machine, events: events)))
                    return
                }
                var lines = [
                    "Machine ID: \(machine.id)",
                    "Process Group: \(machine.group)",
                    "State: \(machine.state)",
                    "Version: \(machine.version)",
                    "Region: \(machine.region)",
                    "Memory: \(machine.memoryMB)MB",
                    "Address: \(machine.address ?? "-")" + (machine.port.map { " (PORT=\($0))" } ?? ""),
                    "Volume: \(machine.volume ?? "-")",
                    "Checks: \(StatusView.checksSummary(machine.checks))",
                    "Last Updated: \(machine.updatedAt)",
                ]
                if let exit = machine.lastExit { lines.append("Last Exit: \(TableRenderer.safe(exit))") }
                Output.print(lines.joined(separator: "\n"))
                var table = TableRenderer(["State", "Event", "Source", "Timestamp", "Info"])
                for event in events {
                    table.add([event.status, event.type, event.source, event.timestamp, event.detail ?? ""])
                }
                Output.print("\nEvent Logs\n" + table.render())
            }
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start machines.")
        @OptionGroup var target: AppOptions
        @Argument(help: "Machine ids.") var ids: [String] = []
        func run() async throws { try await MachineIDs.act(.start, ids: ids, target: target) }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop", abstract: "Stop machines gracefully (kill_signal, then SIGKILL after kill_timeout).")
        @OptionGroup var target: AppOptions
        @Argument(help: "Machine ids.") var ids: [String] = []
        func run() async throws { try await MachineIDs.act(.stop, ids: ids, target: target) }
    }

    struct Restart: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart machines.")
        @OptionGroup var target: AppOptions
        @Argument(help: "Machine ids.") var ids: [String] = []
        func run() async throws { try await MachineIDs.act(.restart, ids: ids, target: target) }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend (freeze) machines.")
        @OptionGroup var target: AppOptions
        @Argument(help: "Machine ids.") var ids: [String] = []
        func run() async throws { try await MachineIDs.act(.suspend, ids: ids, target: target) }
    }

    struct Destroy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "destroy", abstract: "Destroy machines (their volumes stay).")
        @OptionGroup var target: AppOptions
        @Argument(help: "Machine ids.") var ids: [String] = []
        @Flag(name: .long, help: "Stop a started machine first.") var force = false
        func run() async throws { try await MachineIDs.act(.destroy, ids: ids, target: target, force: force) }
    }
}

/// The shared part of the machine verbs: every id is checked before any is acted on.
enum MachineIDs {
    static func check(_ ids: [String]) throws(CLIFailure) {
        guard !ids.isEmpty else { throw .usage("give a machine id (see `hangar machine list`)") }
        for id in ids {
            if let error = RequestRules.machineID(id) { throw .usage(error.message) }
        }
    }

    static func act(_ action: MachineAction, ids: [String], target: AppOptions, force: Bool = false) async throws {
        try await runCommand {
            let app = try target.resolveApp()
            try check(ids)
            let api = try DaemonClient.resolve().api
            for id in ids {
                if force, action == .destroy, try await api.machine(app: app, id: id).state == "started" {
                    _ = try await api.machineAction(app: app, id: id, action: .stop)
                }
                let machine = try await api.machineAction(app: app, id: id, action: action)
                Output.print("Machine \(machine.id) is \(machine.state)")
            }
        }
    }
}
