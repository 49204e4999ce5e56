/// HG315: `min_machines_running` is not negative (flyctl does not check; warning).
struct MinMachinesRule: Rule {
    let codes = ["HG315"]
    let summary = "min_machines_running is zero or more"

    func check(_ context: RuleContext) -> [Diagnostic] {
        context.config.allServices.compactMap { service in
            guard let value = service.minMachinesRunning, value < 0 else { return nil }
            return context.warning(
                "HG315", "min_machines_running is negative (\(value))",
                hint: "use 0 (let every machine stop when idle) or more", path: service.configPath + ".min_machines_running")
        }
    }
}
