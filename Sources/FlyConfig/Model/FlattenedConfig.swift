/// flyctl's per-group view ("flattened config", spec §6.2).
extension AppConfig {
    /// The config as seen by one group: `[processes]` reduced to the group's entry; every entry that
    /// applies kept with `processes = [group]`, the others dropped; `[[vm]]` reduced to the selected
    /// entry, whose host dedication id (if set) replaces the top-level one.
    public func flattened(for group: String) -> AppConfig {
        var dst = self
        let only = [group]
        if let command = processes?[group] {
            dst.processes = [group: command]
        } else {
            dst.processes = nil
        }
        if var http = httpService(for: group) {
            http.processes = only
            dst.httpService = http
        } else {
            dst.httpService = nil
        }
        dst.services = Self.keep(services, only) { applies($0.processes, to: group) } set: { $0.processes = $1 }
        if let checks {
            var kept: [String: TopLevelCheck] = [:]
            for (name, check) in checks where applies(check.processes, to: group) {
                var c = check
                c.processes = only
                kept[name] = c
            }
            dst.checks = kept.isEmpty ? nil : kept
        }
        dst.mounts = Self.keep(mounts, only) { applies($0.processes, to: group) } set: { $0.processes = $1 }
        dst.files = Self.keep(files, only) { applies($0.processes, to: group) } set: { $0.processes = $1 }
        dst.metrics = Self.keep(metrics, only) { applies($0.processes, to: group) } set: { $0.processes = $1 }
        dst.restart = Self.keep(restart, only) { applies($0.processes, to: group) } set: { $0.processes = $1 }
        if var entry = vm(for: group) {
            entry.processes = only
            dst.vm = [entry]
            if let hdid = entry.hostDedicationID, !hdid.isEmpty { dst.hostDedicationID = hdid }
        } else {
            dst.vm = nil
        }
        return dst
    }

    private static func keep<T>(
        _ list: [T]?, _ only: [String], _ include: (T) -> Bool, set: (inout T, [String]) -> Void
    ) -> [T]? {
        guard let list else { return nil }
        let kept = list.filter(include).map { item -> T in
            var copy = item
            set(&copy, only)
            return copy
        }
        return kept.isEmpty ? nil : kept
    }
}
