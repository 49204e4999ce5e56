/// HG405: `auto_stop_machines` on with `auto_start_machines = false`: idle machines stop and
/// nothing starts them again (warning).
struct AutoStartRule: Rule {
    let codes = ["HG405"]
    let summary = "auto_stop_machines is not paired with auto_start_machines = false"

    func check(_ context: RuleContext) -> [Diagnostic] {
        context.config.allServices.compactMap { service in
            guard let stop = service.autoStopMachines, stop != .off, service.autoStartMachines == false else { return nil }
            let kept = (service.minMachinesRunning ?? 0) > 0
                ? "beyond min_machines_running = \(service.minMachinesRunning ?? 0), idle machines" : "idle machines"
            return context.warning(
                "HG405",
                "auto_stop_machines = '\(stop.rawValue)' with auto_start_machines = false: \(kept) \(stop == .suspend ? "are suspended" : "stop") and nothing starts them again",
                hint: "set auto_start_machines = true, or auto_stop_machines = \"off\"",
                path: service.configPath + ".auto_start_machines")
        }
    }
}
