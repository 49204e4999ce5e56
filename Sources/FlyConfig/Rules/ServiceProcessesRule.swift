/// HG207, HG208: with `[processes]`, every service names its groups, and only defined ones
/// (flyctl: validation errors). Applies to `[http_service]` too.
struct ServiceProcessesRule: Rule {
    let codes = ["HG207", "HG208"]
    let summary = "services set processes when [processes] exists, naming defined groups only"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        let groupCount = (config.processes ?? [:]).count
        let valid = config.processNames
        var result: [Diagnostic] = []
        for service in config.allServices {
            let processes = service.processes ?? []
            if processes.isEmpty {
                guard groupCount > 0 else { continue }
                result.append(
                    context.error(
                        "HG207",
                        "Service has no processes set but app has \(groupCount) processes defined; update fly.toml to set processes for each service",
                        hint: "add processes = [\"\(config.defaultProcessGroup)\"] (or the groups that should serve it) to [\(Self.table(service))]",
                        path: service.configPath))
                continue
            }
            for name in processes where !valid.contains(name) {
                result.append(
                    context.error(
                        "HG208",
                        "Service specifies '\(name)' as one of its processes, but no processes are defined with that name; update fly.toml [processes] to add '\(name)' process or remove it from service's processes list",
                        hint: UndefinedGroupHint.text(name, valid: valid, hasProcesses: groupCount > 0),
                        path: service.configPath + ".processes"))
            }
        }
        return result
    }

    static func table(_ service: Service) -> String {
        service.origin == .httpService ? "http_service" : "[services]"
    }
}
