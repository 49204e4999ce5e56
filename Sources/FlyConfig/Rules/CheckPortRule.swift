/// HG303: a top-level check without `port` takes the group's `http_service.internal_port`; in a
/// group without an http_service flyctl fails at deploy (its validator misses it): an error for
/// every group the check applies to.
struct CheckPortRule: Rule {
    let codes = ["HG303"]
    let summary = "top-level checks have a port, or their group an http_service to take it from"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        var result: [Diagnostic] = []
        for group in context.groups {
            for entry in config.checks(for: group) where entry.check.port == nil && config.httpService(for: group) == nil {
                let ports = config.services(for: group).compactMap(\.internalPort).filter { $0 > 0 }
                let suggestion = ports.first.map { "port = \($0)" } ?? "port = <the port the app listens on>"
                result.append(
                    context.error(
                        "HG303",
                        "Check '\(entry.name)' for process group '\(group)' has no port set and the group has no http_service to take it from",
                        hint: "add \(suggestion) to [\(entry.configPath)]", path: entry.configPath))
            }
        }
        return result
    }
}
