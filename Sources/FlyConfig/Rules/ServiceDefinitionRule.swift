/// HG307: what the Machines API needs from a service and flyctl does not check (§9.4).
///
/// Errors (impossible values): a public port or range outside 1–65535, a range whose start is
/// after its end, a port entry with neither `port` nor a range, an `internal_port` outside 1–65535.
/// Warnings: a service with ports but no `internal_port` (flyctl applies no default and sends 0;
/// flyctl accepts such configs, so this stays a warning), `protocol` missing or not tcp/udp,
/// unknown handlers, handlers on UDP, a half-written range, both a port and a range,
/// `[http_service]` without `internal_port`.
struct ServiceDefinitionRule: Rule {
    let codes = ["HG307"]
    let summary = "services have protocol, ports, handlers and internal_port the platform accepts"

    static let handlers = ["http", "tls", "pg_tls", "proxy_proto", "edge_http"]
    static let portRange = 1...65535

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        if let http = context.config.httpService {
            if (http.internalPort ?? 0) == 0 {
                result.append(
                    context.warning(
                        "HG307", "[http_service] has no internal_port; flyctl sends 0 (the docs' default of 8080 is not applied)",
                        hint: "add internal_port = 8080 (the port your app listens on)",
                        path: http.internalPort == nil ? "http_service" : "http_service.internal_port"))
            } else if let port = http.internalPort, !Self.portRange.contains(port) {
                result.append(
                    context.error(
                        "HG307", "internal_port \(port) is outside 1-65535", hint: "use the port your app listens on",
                        path: "http_service.internal_port"))
            }
        }
        for (i, service) in (context.config.services ?? []).enumerated() {
            result += Self.review(service, base: "services[\(i)]", context)
        }
        return result
    }

    private static func review(_ service: Service, base: String, _ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let ports = service.ports ?? []
        switch service.protocol {
        case nil:
            result.append(
                context.warning(
                    "HG307", "service has no protocol; the Machines API needs \"tcp\" or \"udp\"",
                    hint: "add protocol = \"tcp\"", path: base))
        case "tcp", "udp":
            break
        case let other?:
            let lowered = other.lowercased()
            let hint = ["tcp", "udp"].contains(lowered) ? "write protocol = \"\(lowered)\""
                : ["http", "https", "tls"].contains(lowered)
                    ? "HTTP and TLS are handlers on a tcp service: protocol = \"tcp\" with handlers = [\"http\"] or [\"tls\", \"http\"]"
                    : "use protocol = \"tcp\" or \"udp\""
            result.append(
                context.warning(
                    "HG307", "service protocol '\(other)' is not tcp or udp", hint: hint, path: base + ".protocol"))
        }
        if let inner = service.internalPort, inner != 0, !portRange.contains(inner) {
            result.append(
                context.error(
                    "HG307", "internal_port \(inner) is outside 1-65535", hint: "use the port your app listens on",
                    path: base + ".internal_port"))
        } else if (service.internalPort ?? 0) == 0 && !ports.isEmpty {
            result.append(
                context.warning(
                    "HG307", "service exposes ports but has no internal_port; flyctl sends 0, so traffic has nowhere to go",
                    hint: "add internal_port = <the port your app listens on>, e.g. 8080",
                    path: service.internalPort == nil ? base : base + ".internal_port"))
        }
        for (j, port) in ports.enumerated() {
            result += Self.review(port, udp: service.protocol == "udp", base: "\(base).ports[\(j)]", context)
        }
        return result
    }

    private static func review(_ port: ServicePort, udp: Bool, base: String, _ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        func outside(_ key: String, _ value: Int) {
            result.append(
                context.error(
                    "HG307", "\(key) \(value) is outside 1-65535", hint: "public ports are 1 to 65535",
                    path: "\(base).\(key)"))
        }
        if let value = port.port, !portRange.contains(value) { outside("port", value) }
        if let value = port.startPort, !portRange.contains(value) { outside("start_port", value) }
        if let value = port.endPort, !portRange.contains(value) { outside("end_port", value) }
        switch (port.port, port.startPort, port.endPort) {
        case (nil, nil, nil):
            result.append(
                context.error(
                    "HG307", "port entry has neither port nor start_port/end_port",
                    hint: "add port = 443 (or a range with start_port and end_port)", path: base))
        case (_, let start?, let end?) where start > end:
            result.append(
                context.error(
                    "HG307", "port range \(start)-\(end) starts after it ends",
                    hint: "swap them: start_port = \(end), end_port = \(start)", path: base + ".start_port"))
        case (nil, _?, nil), (nil, nil, _?):
            result.append(
                context.warning(
                    "HG307", "port range needs both start_port and end_port",
                    hint: "add the missing end of the range, or use port = <n> for a single port",
                    path: port.startPort == nil ? base + ".end_port" : base + ".start_port"))
        case (_?, _?, _), (_?, _, _?):
            result.append(
                context.warning(
                    "HG307", "port entry sets both port and a start_port/end_port range",
                    hint: "use either port = <n> or a range, in separate [[services.ports]] entries",
                    path: base + ".port"))
        default:
            break
        }
        let handlers = port.handlers ?? []
        for (k, handler) in handlers.enumerated() where !Self.handlers.contains(handler) {
            let near = Self.handlers.first { $0 == handler.lowercased() } ?? NameSuggestion.closest(to: handler, in: Self.handlers)
            let hint = handler.lowercased() == "https"
                ? "HTTPS is handlers = [\"tls\", \"http\"]"
                : near.map { "did you mean \"\($0)\"? handlers: \(Self.handlers.joined(separator: ", "))" }
                    ?? "handlers: \(Self.handlers.joined(separator: ", ")) (empty for raw TCP)"
            result.append(
                context.warning(
                    "HG307", "unknown handler '\(handler)'", hint: hint, path: "\(base).handlers[\(k)]"))
        }
        if udp && !handlers.isEmpty {
            result.append(
                context.warning(
                    "HG307", "handlers on a udp service have no effect", hint: "remove handlers from UDP ports",
                    path: base + ".handlers"))
        }
        return result
    }
}
