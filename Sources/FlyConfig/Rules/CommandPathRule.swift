import Foundation

/// HG403: a `[processes]` command or `release_command` whose program is a relative path
/// (`./bin/server`, `bin/web`) that does not exist beside fly.toml (warning).
///
/// Only checkable when the directory is known and the image is built from it: skipped for bare
/// program names (`python3`, found on the image's PATH), absolute paths (inside the image),
/// `build.image` apps, and paths under usual build-output directories (made by the build).
struct CommandPathRule: Rule {
    let codes = ["HG403"]
    let summary = "relative program paths in process and release commands exist"

    static let buildOutputs: Set<String> = ["dist", "build", "target", "out", ".build", ".next", "node_modules", "_build"]

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        guard let directory = context.directory, (config.build?.image ?? "").isEmpty else { return [] }
        var commands: [(path: String, label: String, command: String)] = []
        for (group, command) in (config.processes ?? [:]).sorted(by: { AppConfig.byteOrder($0.key, $1.key) }) {
            commands.append(("processes.\(ConfigPath.key(group))", "process '\(group)'", command))
        }
        if let release = config.deploy?.releaseCommand {
            commands.append(("deploy.release_command", "release_command", release))
        }
        var result: [Diagnostic] = []
        for (path, label, command) in commands {
            guard let program = (try? CommandLineSplitter.split(command))?.first,
                program.contains("/"), !program.hasPrefix("/"), !program.hasPrefix("~")
            else { continue }
            let components = program.split(separator: "/").filter { $0 != "." }
            if let first = components.first, Self.buildOutputs.contains(String(first)) { continue }
            let full = URL(fileURLWithPath: directory).appendingPathComponent(program).standardized.path
            guard !FileManager.default.fileExists(atPath: full) else { continue }
            result.append(
                context.warning(
                    "HG403", "\(label) runs \(program), which does not exist next to fly.toml",
                    hint: "fix the path (relative to the image's working directory, usually the project root);"
                        + " ignore this if the build creates it",
                    path: path))
        }
        return result
    }
}
