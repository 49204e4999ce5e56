/// HG203: the canary strategy cannot be used with volumes (flyctl: validation error).
struct CanaryVolumesRule: Rule {
    let codes = ["HG203"]
    let summary = "deploy.strategy canary is not used with [[mounts]]"

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard context.config.deploy?.strategy == "canary", !(context.config.mounts ?? []).isEmpty else { return [] }
        return [
            context.error(
                "HG203", "error canary deployment strategy is not supported when using mounted volumes",
                hint: "a canary machine would need a second volume; use strategy = \"rolling\" (or \"immediate\")",
                path: "deploy.strategy")
        ]
    }
}
