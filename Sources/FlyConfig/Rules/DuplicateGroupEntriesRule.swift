/// HG316: two `[[vm]]`, `[[restart]]` or `[[metrics]]` entries for one group: only one is used
/// (warning). `[[vm]]`: the last entry listing the group wins, else the first without `processes`
/// (§6.3); `[[restart]]`: the last applicable entry; `[[metrics]]`: the first applicable entry.
struct DuplicateGroupEntriesRule: Rule {
    let codes = ["HG316"]
    let summary = "one [[vm]], [[restart]] and [[metrics]] entry per process group"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        var ignored: [String: (winner: String, groups: [String], why: String)] = [:]
        var order: [String] = []
        func note(_ loser: String, _ winner: String, _ group: String, _ why: String) {
            if var entry = ignored[loser] {
                if !entry.groups.contains(group) { entry.groups.append(group) }
                ignored[loser] = entry
            } else {
                ignored[loser] = (winner, [group], why)
                order.append(loser)
            }
        }
        let vms = config.vm ?? []
        let restarts = config.restart ?? []
        let metrics = config.metrics ?? []
        for group in context.groups {
            let explicit = vms.indices.filter { (vms[$0].processes ?? []).contains(group) }
            if let winner = explicit.last {
                for loser in explicit.dropLast() {
                    note("vm[\(loser)]", "vm[\(winner)]", group, "the last [[vm]] listing a group wins")
                }
            } else {
                let global = vms.indices.filter { (vms[$0].processes ?? []).isEmpty }
                if let winner = global.first {
                    for loser in global.dropFirst() {
                        note("vm[\(loser)]", "vm[\(winner)]", group, "the first [[vm]] without processes wins")
                    }
                }
            }
            let applicableRestarts = restarts.indices.filter { config.applies(restarts[$0].processes, to: group) }
            if let winner = applicableRestarts.last {
                for loser in applicableRestarts.dropLast() {
                    note("restart[\(loser)]", "restart[\(winner)]", group, "the last applicable [[restart]] wins")
                }
            }
            let applicableMetrics = metrics.indices.filter { config.applies(metrics[$0].processes, to: group) }
            if let winner = applicableMetrics.first {
                for loser in applicableMetrics.dropFirst() {
                    note("metrics[\(loser)]", "metrics[\(winner)]", group, "a machine has one metrics endpoint: the first applicable [[metrics]] wins")
                }
            }
        }
        return order.compactMap { loser in
            guard let entry = ignored[loser] else { return nil }
            let groups = entry.groups.map { "'\($0)'" }.joined(separator: ", ")
            let plural = entry.groups.count == 1 ? "group" : "groups"
            return context.warning(
                "HG316",
                "\(context.originalPath(loser)) is ignored for \(plural) \(groups): \(context.originalPath(entry.winner)) applies too and \(entry.why)",
                hint: "give each entry processes = [...] naming distinct groups, or merge them", path: loser)
        }
    }
}
