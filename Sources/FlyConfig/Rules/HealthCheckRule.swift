/// HG404: a service with no health check (warning). Without one the proxy sends traffic to a machine
/// as soon as it starts, and deploys cannot tell a broken release from a good one. A top-level check
/// counts when it applies to one of the service's groups and probes its internal port.
struct HealthCheckRule: Rule {
    let codes = ["HG404"]
    let summary = "every service has a health check"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        var result: [Diagnostic] = []
        for service in config.allServices {
            guard !(service.ports ?? []).isEmpty,
                (service.tcpChecks ?? []).isEmpty, (service.httpChecks ?? []).isEmpty
            else { continue }
            let groups = config.processNames.filter { config.applies(service.processes, to: $0) }
            guard !groups.isEmpty else { continue }
            let covered = groups.contains { group in
                config.checks(for: group).contains { $0.port != nil && $0.port == service.internalPort }
            }
            guard !covered else { continue }
            let port = service.internalPort.map(String.init) ?? "its internal port"
            result.append(
                context.warning(
                    "HG404", "\(service.origin == .httpService ? "[http_service]" : "service") on port \(port) has no health check",
                    hint: Self.example(service), path: service.configPath))
        }
        return result
    }

    static func example(_ service: Service) -> String {
        if service.origin == .httpService {
            return "add\n    [[http_service.checks]]\n      interval = \"15s\"\n      timeout = \"2s\"\n"
                + "      grace_period = \"10s\"\n      method = \"GET\"\n      path = \"/healthz\""
        }
        return "add\n    [[services.tcp_checks]]\n      interval = \"15s\"\n      timeout = \"2s\"\n      grace_period = \"5s\""
    }
}
