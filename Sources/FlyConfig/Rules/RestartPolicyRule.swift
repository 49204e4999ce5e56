/// HG214, HG215: `[[restart]]` names defined groups and a valid policy (flyctl: validation errors).
struct RestartPolicyRule: Rule {
    let codes = ["HG214", "HG215"]
    let summary = "[[restart]] policy is always, never or on-failure, for defined groups"

    static let policies = ["always", "never", "on-failure"]
    /// Spellings people write, with the one fly.toml accepts.
    static let aliases = [
        "no": "never", "none": "never", "on-fail": "on-failure", "on_failure": "on-failure",
        "onfailure": "on-failure", "on failure": "on-failure", "unless-stopped": "always",
    ]

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        let valid = config.processNames
        var result: [Diagnostic] = []
        for (i, entry) in (config.restart ?? []).enumerated() {
            let base = "restart[\(i)]"
            for name in entry.processes ?? [] where !valid.contains(name) {
                result.append(
                    context.error(
                        "HG214",
                        "Restart policy specifies '\(name)' as one of its processes, but no processes are defined with that name; update fly.toml [processes] to add '\(name)' process or remove it from restart policy's processes list",
                        hint: UndefinedGroupHint.text(name, valid: valid, hasProcesses: config.hasProcessGroups),
                        path: base + ".processes"))
            }
            let policy = entry.policy ?? ""
            guard !Self.policies.contains(policy) else { continue }
            let hint: String
            if let near = Self.aliases[policy.lowercased()] ?? Self.policies.first(where: { $0 == policy.lowercased() }) {
                hint = "write policy = \"\(near)\""
            } else if policy.isEmpty {
                hint = "policy is required: add policy = \"always\", \"never\" or \"on-failure\""
            } else {
                hint = "use one of: always, never, on-failure"
            }
            result.append(
                context.error(
                    "HG215", "invalid restart policy: \(policy)", hint: hint,
                    path: entry.policy == nil ? base : base + ".policy"))
        }
        return result
    }
}
