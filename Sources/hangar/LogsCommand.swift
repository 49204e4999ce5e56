import ArgumentParser
import Foundation
import HangarAPI
import HangarRuntime

struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print an app's logs in Fly's shape; -f follows them.",
        discussion: "Lines look like `2026-11-22T14:00:00Z app[3d8d9a1c2e4f56] local [info] listening on 8080`.")

    @OptionGroup var target: AppOptions

    @Flag(name: [.customShort("f"), .long], help: "Keep printing new lines until interrupted.")
    var follow = false

    @Option(name: [.customShort("i"), .long], help: "Only this machine.")
    var machine: String?

    @Option(name: [.customShort("p"), .long], help: "Only this process group.")
    var process: String?

    @Option(name: [.customShort("n"), .long], help: "How many recent lines to print first (0 to 10000).")
    var lines: Int = 100

    @Flag(name: .long, help: "Print one JSON object per line.")
    var json = false

    func run() async throws {
        try await runCommand {
            let app = try target.resolveApp()
            if let machine, let error = RequestRules.machineID(machine) { throw CLIFailure.usage(error.message) }
            if let process, let error = RequestRules.group(process) { throw CLIFailure.usage(error.message) }
            guard RequestRules.tails.contains(lines) else { throw CLIFailure.usage("--lines must be from 0 to 10000") }
            let query = LogQuery(app: app, machine: machine, group: process, tail: lines)
            let api = try DaemonClient.resolve().api
            let json = self.json
            if follow {
                try await api.followLogs(query) { entry in Output.print(LogLine.render(entry, json: json)) }
                throw CLIFailure.failed("the daemon ended the log stream")
            }
            for entry in try await api.logs(query) { Output.print(LogLine.render(entry, json: json)) }
        }
    }
}

/// One log entry in Fly's shape, or as a JSON object.
enum LogLine {
    static func render(_ entry: LogEntry, json: Bool) -> String {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(entry)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
        return "\(entry.timestamp) \(entry.source)[\(entry.machine)] \(entry.region) [\(entry.level)] \(entry.message)"
    }
}
