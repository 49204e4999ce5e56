/// HG201, HG209, HG210: command strings must split into words (flyctl: validation errors).
///
/// `deploy.release_command`, every non-empty `[processes]` command and `console_command` are split
/// like a shell without a shell (§3.3); an unterminated quote or a trailing backslash fails.
struct CommandSplitRule: Rule {
    let codes = ["HG201", "HG209", "HG210"]
    let summary = "release_command, [processes] commands and console_command split into words"

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let config = context.config
        if let command = config.deploy?.releaseCommand, let problem = Self.problem(command) {
            result.append(
                context.error(
                    "HG201", "Can't shell split release command: '\(command)'",
                    hint: Self.hint(problem), path: "deploy.release_command"))
        }
        for (group, command) in (config.processes ?? [:]).sorted(by: { AppConfig.byteOrder($0.key, $1.key) })
        where !command.isEmpty {
            guard let problem = Self.problem(command) else { continue }
            result.append(
                context.error(
                    "HG209",
                    "Could not parse command for '\(group)' process group; check [processes] section: \(problem)",
                    hint: Self.hint(problem), path: "processes.\(ConfigPath.key(group))"))
        }
        if let command = config.consoleCommand, let problem = Self.problem(command) {
            result.append(
                context.error(
                    "HG210", "Can't shell split console command: '\(command)'",
                    hint: Self.hint(problem), path: "console_command"))
        }
        return result
    }

    /// The splitter's complaint, or nil when the command splits.
    static func problem(_ command: String) -> String? {
        do {
            _ = try CommandLineSplitter.split(command)
            return nil
        } catch {
            return error.message
        }
    }

    static func hint(_ problem: String) -> String {
        if problem.contains("escape") {
            return "the command ends with a backslash (\(problem)); remove it or write it as \\\\"
        }
        return "a quote is never closed (\(problem)); close it, or escape a literal quote with a backslash"
            + " (commands are split into words without a shell; wrap shell syntax in sh -c '...')"
    }
}
