/// HG314: a public port (per protocol) is exposed once (warnings). Within one group, two services
/// on the same port collide (`[http_service]` always claims 80 and 443). Across groups the proxy
/// matches on port alone and balances over every group that exposes it.
struct PublicPortsRule: Rule {
    let codes = ["HG314"]
    let summary = "no public port exposed twice, within a group or across groups"

    private struct Exposure {
        var service: Service
        var path: String
        var range: ClosedRange<Int>
        var proto: String
    }

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        let all = Self.exposures(config.allServices)
        var result: [Diagnostic] = []
        var reported = Set<String>()
        // Within one group.
        for group in context.groups {
            let mine = all.filter { config.applies($0.service.processes, to: group) }
            for (i, later) in mine.enumerated() {
                guard let earlier = mine[..<i].first(where: { Self.clash($0, later) }), !reported.contains(later.path) else { continue }
                reported.insert(later.path)
                result.append(
                    context.warning(
                        "HG314",
                        "public \(later.proto) port \(Self.text(later.range)) is already exposed by \(context.originalPath(earlier.service.configPath)) in group '\(group)'",
                        hint: "each public port belongs to one service; merge the services or pick another port",
                        path: later.path))
            }
        }
        // Across groups (whole-app validation only: a single group's view cannot see the others).
        guard context.group == nil, config.processNames.count > 1 else { return result }
        for (i, later) in all.enumerated() where !reported.contains(later.path) {
            let laterGroups = Set(config.processNames.filter { config.applies(later.service.processes, to: $0) })
            guard !laterGroups.isEmpty, let earlier = all[..<i].first(where: { earlier in
                Self.clash(earlier, later) && earlier.service.configPath != later.service.configPath
                    && laterGroups.isDisjoint(with: config.processNames.filter { config.applies(earlier.service.processes, to: $0) })
            }) else { continue }
            reported.insert(later.path)
            result.append(
                context.warning(
                    "HG314",
                    "public \(later.proto) port \(Self.text(later.range)) is also exposed by \(earlier.service.configPath) for other process groups; the proxy balances that port over machines of every group",
                    hint: "give each group's service its own public port (process groups are not separate apps)",
                    path: later.path))
        }
        return result
    }

    private static func exposures(_ services: [Service]) -> [Exposure] {
        var result: [Exposure] = []
        for service in services {
            for (j, port) in (service.ports ?? []).enumerated() {
                let range: ClosedRange<Int>
                if let single = port.port {
                    range = single...single
                } else if let start = port.startPort, let end = port.endPort, start <= end {
                    range = start...end
                } else {
                    continue
                }
                let path = service.origin == .httpService ? "http_service" : "\(service.configPath).ports[\(j)]"
                result.append(Exposure(service: service, path: path, range: range, proto: service.protocol ?? "tcp"))
            }
        }
        return result
    }

    private static func clash(_ a: Exposure, _ b: Exposure) -> Bool {
        a.proto == b.proto && a.range.overlaps(b.range)
    }

    private static func text(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }
}
