import HangarCore
import HangarRuntime
import HangarStore

/// `hangar scale vm|memory` and Fly's machine update: stores the group's VM override, then runs the
/// app's `up` again so the plan (which applies the override) replaces the machines whose spec changed.
enum GuestScaling {
    static func apply(_ services: APIServices, app: String, groups: [String], preset: String?, memoryMB: Int?) async
        -> APIError?
    {
        do throws(PlanError) {
            try GuestOverride.validate(preset: preset, memoryMB: memoryMB)
        } catch {
            return .badRequest(error.message)
        }
        guard let summary = await services.runtime.apps().first(where: { $0.name == app }) else {
            return .notFound("app \(app) is not registered (run `hangar up` in its directory first)")
        }
        let status: AppStatus
        do throws(ControlError) {
            status = try await services.runtime.status(app: app)
        } catch {
            return APIError(error)
        }
        let known = Set(status.machines.map(\.group))
        for group in groups where !known.isEmpty && !known.contains(group) {
            return .badRequest(
                "unknown process group \(HTTPText.quoted(group)); the app's groups are: " + known.sorted().joined(separator: ", "))
        }
        if case .failure(let error) = services.storeCall({ store throws(StoreError) in
            try store.setGuestScale(app: app, groups: groups, preset: preset, memoryMB: memoryMB)
        }) {
            return error
        }
        guard !summary.configPath.isEmpty else { return nil }
        do throws(ControlError) {
            _ = try await services.runtime.up(UpRequest(configPath: summary.configPath, appName: app, mode: status.mode))
        } catch {
            return APIError(error)
        }
        return nil
    }

    /// Count, VM size, memory and CPUs per group, as `hangar scale show` prints them.
    static func show(_ services: APIServices, app: String) async -> Result<[GroupScaleSummary], APIError> {
        let status: AppStatus
        do throws(ControlError) {
            status = try await services.runtime.status(app: app)
        } catch {
            return .failure(APIError(error))
        }
        let stored = services.storeCall { store throws(StoreError) in
            (try store.scale(app: app), try store.machines(app: app))
        }
        let (scale, records): (GroupScale, [MachineRecord])
        switch stored {
        case .success(let value): (scale, records) = value
        case .failure(let error): return .failure(error)
        }
        var groups = Set(status.machines.map(\.group)).union(scale.counts.keys).union(scale.guests.keys).sorted()
        if groups.isEmpty { groups = [] }
        return .success(
            groups.map { group in
                let spec = records.last { $0.group == group }?.spec
                let override = scale.guests[group]
                let running = status.machines.filter { $0.group == group && $0.state != "destroyed" }.count
                return GroupScaleSummary(
                    group: group, count: scale.counts[group] ?? running,
                    vmSize: override?.preset ?? Self.presetName(kind: spec?.guest.cpuKind, cpus: spec?.guest.cpus),
                    cpuKind: spec?.guest.cpuKind ?? "shared", cpus: spec?.guest.cpus ?? 1,
                    memoryMB: spec?.guest.memoryMB ?? status.machines.first { $0.group == group }?.memoryMB ?? 256)
            })
    }

    /// `shared-cpu-2x` for a shared guest with two CPUs, as flyctl names sizes.
    static func presetName(kind: String?, cpus: Int?) -> String {
        let cpus = cpus ?? 1
        return kind == "performance" ? "performance-\(cpus)x" : "shared-cpu-\(cpus)x"
    }
}

/// One row of `hangar scale show`.
public struct GroupScaleSummary: Sendable, Codable, Equatable {
    public var group: String
    public var count: Int
    public var vmSize: String
    public var cpuKind: String
    public var cpus: Int
    public var memoryMB: Int

    enum CodingKeys: String, CodingKey {
        case group = "process_group"
        case count, cpus
        case vmSize = "vm_size"
        case cpuKind = "cpu_kind"
        case memoryMB = "memory_mb"
    }

    public init(group: String, count: Int, vmSize: String, cpuKind: String, cpus: Int, memoryMB: Int) {
        self.group = group
        self.count = count
        self.vmSize = vmSize
        self.cpuKind = cpuKind
        self.cpus = cpus
        self.memoryMB = memoryMB
    }
}

/// `POST /v1/hangar/apps/{app}/scale/vm`: `{"process_group": "web", "size": "shared-cpu-2x", "memory_mb": 1024}`.
public struct ScaleVMRequest: Sendable, Codable, Equatable {
    public var group: String?
    public var size: String?
    public var memoryMB: Int?

    enum CodingKeys: String, CodingKey {
        case group = "process_group"
        case size
        case memoryMB = "memory_mb"
    }

    public init(group: String?, size: String?, memoryMB: Int?) {
        self.group = group
        self.size = size
        self.memoryMB = memoryMB
    }
}
