/// Every list of machine checks in a config, with its path: top level, `[http_service]`, then each
/// `[[services]]` entry.
enum MachineCheckLists {
    static func all(in config: AppConfig) -> [(path: String, checks: [MachineCheck])] {
        var lists: [(path: String, checks: [MachineCheck])] = [("machine_checks", config.machineChecks ?? [])]
        lists.append(("http_service.machine_checks", config.httpService?.machineChecks ?? []))
        for (i, service) in (config.services ?? []).enumerated() {
            lists.append(("services[\(i)].machine_checks", service.machineChecks ?? []))
        }
        return lists
    }
}
