/// HG223: `deploy.max_unavailable` only matters to the rolling and canary strategies (flyctl prints
/// a warning at deploy, also when the strategy is left empty, although the default rolling
/// strategy then uses the value).
struct MaxUnavailableRule: Rule {
    let codes = ["HG223"]
    let summary = "deploy.max_unavailable is used with rolling or canary, and is positive"

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let deploy = context.config.deploy, let value = deploy.maxUnavailable else { return [] }
        let path = "deploy.max_unavailable"
        let strategy = deploy.strategy ?? ""
        var result: [Diagnostic] = []
        if strategy != "rolling" && strategy != "canary" {
            let hint = strategy.isEmpty
                ? "the default strategy is rolling, which does use this value; flyctl warns anyway: write strategy = \"rolling\" to say so"
                : "the \(strategy) strategy replaces machines its own way; remove max_unavailable or use strategy = \"rolling\""
            result.append(
                context.warning(
                    "HG223", "max-unavailable set for non-rolling strategy '\(strategy)', ignoring", hint: hint, path: path))
        }
        if value <= 0 {
            result.append(
                context.warning(
                    "HG223", "max_unavailable is \(value); it must be positive to replace any machine",
                    hint: "use a fraction of the machines (e.g. 0.33) or a count of at least 1", path: path))
        }
        return result
    }
}
