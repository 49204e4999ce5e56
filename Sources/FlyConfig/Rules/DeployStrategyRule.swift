/// HG202: `deploy.strategy` must be one flyctl supports (flyctl: validation error).
struct DeployStrategyRule: Rule {
    static let supported = ["canary", "rolling", "immediate", "bluegreen"]
    /// Strategies of the Nomad era that flyctl's old migration mapped to current ones.
    static let historical = ["simple": "immediate", "rolling_one": "rolling"]

    let codes = ["HG202"]
    let summary = "deploy.strategy is one of canary, rolling, immediate, bluegreen"

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let strategy = context.config.deploy?.strategy, !strategy.isEmpty,
            !Self.supported.contains(strategy)
        else { return [] }
        var hint = "use one of: \(Self.supported.joined(separator: ", ")) (rolling is the default)"
        if let modern = Self.historical[strategy] {
            hint = "'\(strategy)' is a retired strategy; write strategy = \"\(modern)\""
        } else if let near = Self.supported.first(where: { $0 == strategy.lowercased() }) {
            hint = "strategies are lowercase: strategy = \"\(near)\""
        }
        return [
            context.error(
                "HG202",
                "unsupported deployment strategy '\(strategy)'; Apps v2 supports the following strategies: "
                    + Self.supported.joined(separator: ", "),
                hint: hint, path: "deploy.strategy")
        ]
    }
}
