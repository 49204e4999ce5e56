/// HG401: a secret written into `[env]` (warning). fly.toml is usually committed, and `[env]` is
/// shown by `fly config show`; secrets belong in the secret store. The value is never printed whole.
struct EnvSecretsRule: Rule {
    let codes = ["HG401"]
    let summary = "no secret-looking values hardcoded in [env]"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let env = context.config.env ?? [:]
        return env.keys.sorted(by: AppConfig.byteOrder).compactMap { name in
            guard let value = env[name], let reason = SecretHeuristics.reason(name: name, value: value) else { return nil }
            return context.warning(
                "HG401",
                "[env] \(name) looks like a secret (\(reason)): '\(SecretHeuristics.mask(value))' is stored in plain text in fly.toml",
                hint: "remove \(name) from [env] and run `hangar secrets set \(name)=...` (rotate it if fly.toml was ever committed)",
                path: "env.\(ConfigPath.key(name))")
        }
    }
}
