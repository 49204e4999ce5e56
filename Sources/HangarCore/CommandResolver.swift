import FlyConfig

/// Finds the argv of a group's Machines, in the order Fly applies: the `[processes]` entry
/// (shell-split; it replaces the image CMD), else `[experimental] cmd`, else the Dockerfile's CMD,
/// else the Procfile entry; prefixed by `[experimental] entrypoint` or the Dockerfile's ENTRYPOINT.
/// `[experimental] exec` replaces both.
enum CommandResolver {
    static func resolve(group: String, config: AppConfig, image: ImageDefaults) throws(PlanError) -> ([String], String) {
        if let exec = config.experimental?.exec, !exec.isEmpty { return (exec, "[experimental] exec") }

        let entrypoint = config.experimental?.entrypoint ?? image.entrypoint ?? []
        let entryName: String? =
            config.experimental?.entrypoint != nil
            ? "[experimental] entrypoint" : (image.entrypoint != nil ? "Dockerfile ENTRYPOINT" : nil)
        let entrySource = entryName.map { "\($0) + " } ?? ""

        if let text = config.command(for: group), !text.trimmingSpaces().isEmpty {
            let argv: [String]
            do {
                argv = try CommandLineSplitter.split(text)
            } catch {
                throw PlanError("the command of process group '\(group)' cannot be split into words: \(error.message)")
            }
            return (entrypoint + argv, entrySource + "[processes] \(group)")
        }
        if let cmd = config.experimental?.cmd, !cmd.isEmpty {
            return (entrypoint + cmd, entrySource + "[experimental] cmd")
        }
        if let cmd = image.cmd, !cmd.isEmpty {
            return (entrypoint + cmd, entrySource + "Dockerfile CMD")
        }
        if let line = image.procfile[group], let argv = try? CommandLineSplitter.split(line), !argv.isEmpty {
            return (entrypoint + argv, entrySource + "Procfile \(group)")
        }
        if !entrypoint.isEmpty, let entryName { return (entrypoint, entryName) }
        throw PlanError(
            kind: .missingCommand,
            "process group '\(group)' has no command: looked in [processes] \(group), [experimental] cmd and "
                + "entrypoint, the Dockerfile's CMD and ENTRYPOINT, and the Procfile; set "
                + "[processes] \(group) = \"your command\" in fly.toml")
    }
}
