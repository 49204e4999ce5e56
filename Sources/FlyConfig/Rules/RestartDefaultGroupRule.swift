/// HG408: a `[[restart]]` without `processes` applies only to the default group in flyctl, while the
/// docs say it applies to every machine (info, when the app has more than one group).
struct RestartDefaultGroupRule: Rule {
    let codes = ["HG408"]
    let summary = "[[restart]] without processes applies to the default group only"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        let groups = config.processNames
        guard groups.count > 1 else { return [] }
        let others = groups.filter { $0 != config.defaultProcessGroup }
        return (config.restart ?? []).enumerated().compactMap { i, entry in
            guard (entry.processes ?? []).isEmpty else { return nil }
            return context.info(
                "HG408",
                "this [[restart]] has no processes, so it applies only to the default group '\(config.defaultProcessGroup)', not to \(others.map { "'\($0)'" }.joined(separator: ", "))",
                hint: "list the groups it is meant for: processes = [\(groups.map { "\"\($0)\"" }.joined(separator: ", "))]",
                path: "restart[\(i)]")
        }
    }
}
