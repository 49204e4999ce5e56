/// Process groups and which sections attach to which group (spec §6).
extension AppConfig {
    /// The implicit group when `[processes]` is absent or empty.
    public static let implicitGroupName = "app"

    /// True when `[processes]` defines at least one group.
    public var hasProcessGroups: Bool { !(processes ?? [:]).isEmpty }

    /// Group names sorted by byte order; `["app"]` when `[processes]` is absent or empty.
    public var processNames: [String] {
        let names = Array((processes ?? [:]).keys)
        if names.isEmpty { return [AppConfig.implicitGroupName] }
        return names.sorted(by: AppConfig.byteOrder)
    }

    /// `app` if it is a group name; otherwise the first name in sorted order.
    public var defaultProcessGroup: String {
        let names = processNames
        if names.contains(AppConfig.implicitGroupName) { return AppConfig.implicitGroupName }
        return names.first ?? AppConfig.implicitGroupName
    }

    /// Byte-order comparison of two names (Go's string ordering).
    public static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// §6.2: an entry with a non-empty `processes` applies to the groups it lists; an entry with an
    /// empty or missing list applies **only to the default group**. (Used for http_service,
    /// services, checks, mounts, files, metrics and restart.)
    public func applies(_ processes: [String]?, to group: String) -> Bool {
        guard let processes, !processes.isEmpty else { return group == defaultProcessGroup }
        return processes.contains(group)
    }

    /// The command string of a group (nil when the group has none or is not defined).
    public func command(for group: String) -> String? {
        processes?[group]
    }

    /// The http_service when it applies to `group`.
    public func httpService(for group: String) -> HTTPService? {
        guard let httpService, applies(httpService.processes, to: group) else { return nil }
        return httpService
    }

    /// Every service of the app: the http_service expansion first, then `[[services]]` in file order.
    public var allServices: [Service] {
        var result: [Service] = []
        if let httpService { result.append(httpService.asService()) }
        for (i, service) in (services ?? []).enumerated() {
            var s = service
            s.origin = .services
            s.index = i
            result.append(s)
        }
        return result
    }

    /// The services of `group`: http_service expansion first, then `[[services]]` in file order.
    public func services(for group: String) -> [Service] {
        allServices.filter { applies($0.processes, to: group) }
    }

    /// The top-level checks of `group`, sorted by name, each with its resolved port (the check's own
    /// `port`, else the group's `http_service.internal_port`; nil when neither exists, which flyctl
    /// reports at deploy as "has no port set").
    public func checks(for group: String) -> [GroupCheck] {
        sortedChecks.compactMap { entry in
            guard applies(entry.check.processes, to: group) else { return nil }
            let port = entry.check.port ?? httpService(for: group)?.internalPort
            return GroupCheck(name: entry.name, check: entry.check, port: port)
        }
    }

    /// The mounts of `group` in file order (more than one is an error the rules report).
    public func mounts(for group: String) -> [Mount] {
        (mounts ?? []).filter { applies($0.processes, to: group) }
    }

    /// The files of `group` (the intended filter; flyctl's deploy path ignores it).
    public func files(for group: String) -> [File] {
        (files ?? []).filter { applies($0.processes, to: group) }
    }

    /// The metrics endpoint of `group`: the **first** applicable entry.
    public func metrics(for group: String) -> Metrics? {
        (metrics ?? []).first { applies($0.processes, to: group) }
    }

    /// The restart policy of `group`: the **last** applicable entry.
    public func restart(for group: String) -> Restart? {
        (restart ?? []).last { applies($0.processes, to: group) }
    }

    /// §6.3: the index of the `[[vm]]` entry for `group`: the last entry listing the group, else the
    /// first entry with empty `processes`, else nil. Entries are never merged.
    public func vmIndex(for group: String) -> Int? {
        let entries = vm ?? []
        if let explicit = entries.lastIndex(where: { ($0.processes ?? []).contains(group) }) { return explicit }
        return entries.firstIndex { ($0.processes ?? []).isEmpty }
    }

    /// The `[[vm]]` entry for `group` (§6.3).
    public func vm(for group: String) -> VM? {
        vmIndex(for: group).flatMap { i in vm?[i] }
    }

    /// The guest for `group` (§5.10), or nil when no `[[vm]]` applies (flyctl sends no guest).
    public func guest(for group: String) throws(GuestError) -> Guest? {
        guard let entry = vm(for: group) else { return nil }
        return try Guest.compute(from: entry, topLevelHostDedicationID: hostDedicationID)
    }

    /// The host dedication id in `group`'s flattened view: the selected `[[vm]]` entry's value when
    /// set, else the top-level one.
    public func hostDedicationID(for group: String) -> String? {
        if let value = vm(for: group)?.hostDedicationID, !value.isEmpty { return value }
        return hostDedicationID
    }

    /// Deploy-time machine checks for `group` (§5.8): every top-level entry, plus service and
    /// http_service entries whose `processes` lists the group or is empty (all groups).
    public func machineChecks(for group: String) -> [MachineCheck] {
        var result = machineChecks ?? []
        for service in allServices {
            let list = service.processes ?? []
            if list.isEmpty || list.contains(group) { result += service.machineChecks ?? [] }
        }
        return result
    }
}

/// A top-level check as it applies to one group.
public struct GroupCheck: Sendable, Equatable {
    public var name: String
    public var check: TopLevelCheck
    /// The check's own port, else the group's http_service internal port; nil if neither.
    public var port: Int?

    public init(name: String, check: TopLevelCheck, port: Int?) {
        self.name = name
        self.check = check
        self.port = port
    }

    /// `checks.<name>`.
    public var configPath: String { "checks.\(ConfigPath.key(name))" }
}
