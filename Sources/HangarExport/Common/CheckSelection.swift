import HangarCore

/// Targets that take one health check per container (a Kubernetes probe, a compose healthcheck)
/// get the most telling one: the first HTTP check, else the first TCP check. A TCP check on the
/// port of the chosen HTTP check adds nothing (the HTTP check connects too), so it is not reported
/// as left out.
enum CheckSelection {
    struct Choice: Sendable, Equatable {
        var chosen: CheckSpec?
        /// Checks that the single probe cannot also run.
        var leftOut: [CheckSpec]
    }

    static func primary(_ checks: [CheckSpec]) -> Choice {
        guard let chosen = checks.first(where: { $0.kind == .http }) ?? checks.first else {
            return Choice(chosen: nil, leftOut: [])
        }
        var leftOut: [CheckSpec] = []
        var skippedChosen = false
        for check in checks {
            if !skippedChosen && check == chosen {
                skippedChosen = true
                continue
            }
            if check.kind == .tcp && chosen.kind == .http && check.port == chosen.port { continue }
            leftOut.append(check)
        }
        return Choice(chosen: chosen, leftOut: leftOut)
    }

    /// The config path of a check: `checks.<name>` for top-level checks, else the service's
    /// `tcp_checks` / `http_checks` (`http_service.checks`).
    static func configPath(_ check: CheckSpec, service: ServiceSpec?) -> String {
        guard check.origin == .service, let service else { return "checks.\(check.name)" }
        if check.kind == .tcp { return "\(service.source).tcp_checks" }
        return service.source == "http_service" ? "http_service.checks" : "\(service.source).http_checks"
    }
}
