/// HG309: `kill_signal` (and machine checks' `kill_signal`) is a signal Fly knows: the union of
/// the docs' list and the Machines API's enum (flyctl does not check; warning).
struct KillSignalRule: Rule {
    let codes = ["HG309"]
    let summary = "kill_signal is one of SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGKILL, SIGSTOP"

    static let signals = ["SIGINT", "SIGTERM", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGKILL", "SIGSTOP"]

    func check(_ context: RuleContext) -> [Diagnostic] {
        var candidates: [(String, String?)] = [("kill_signal", context.config.killSignal)]
        for (base, checks) in MachineCheckLists.all(in: context.config) {
            for (j, check) in checks.enumerated() {
                candidates.append(("\(base)[\(j)].kill_signal", check.killSignal))
            }
        }
        return candidates.compactMap { path, value in
            guard let value, !value.isEmpty, !Self.signals.contains(value) else { return nil }
            return context.warning(
                "HG309", "kill_signal '\(value)' is not a signal Fly supports",
                hint: Self.hint(value), path: path)
        }
    }

    static func hint(_ value: String) -> String {
        let upper = value.uppercased()
        if signals.contains(upper) { return "signal names are upper case: kill_signal = \"\(upper)\"" }
        if signals.contains("SIG" + upper) { return "write the full name: kill_signal = \"SIG\(upper)\"" }
        if let number = Int(value), let name = [1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 9: "SIGKILL", 15: "SIGTERM"][number] {
            return "write the name: kill_signal = \"\(name)\""
        }
        if let near = NameSuggestion.closest(to: value, in: signals) { return "did you mean \"\(near)\"?" }
        return "use one of: \(signals.joined(separator: ", ")) (the default is SIGINT)"
    }
}
