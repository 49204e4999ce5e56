/// HG220: a service exposes at least one port (flyctl: warning, announced as a future error).
struct ServicePortsRule: Rule {
    let codes = ["HG220"]
    let summary = "every [[services]] entry has at least one [[services.ports]]"

    func check(_ context: RuleContext) -> [Diagnostic] {
        context.config.allServices.compactMap { service in
            guard (service.ports ?? []).isEmpty else { return nil }
            return context.warning(
                "HG220",
                "Service must expose at least one port. Add a [[services.ports]] section to fly.toml; a service without ports receives no traffic",
                hint: "add\n    [[services.ports]]\n      port = 443\n      handlers = [\"tls\", \"http\"]\n"
                    + "  under this service, or remove the service if nothing should reach it from outside",
                path: service.configPath)
        }
    }
}
