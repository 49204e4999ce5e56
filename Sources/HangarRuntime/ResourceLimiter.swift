import Foundation

/// How this host enforces a Machine's limits and kills or freezes its whole tree.
///
/// Chosen once per host by `detect()`, in this order:
/// 1. **cgroup v2 with controllers** (most current servers): `memory.max`, `cpu.max`,
///    `cpu.weight`, `cgroup.freeze`, `cgroup.kill`, OOM kills from `memory.events`.
/// 2. **cgroup v1 controllers** for what v2 does not control (this project's build machines: v1
///    `memory`, `cpu`, `freezer`, beside a controller-less v2 hierarchy that still provides
///    `cgroup.kill`, `cgroup.freeze` and exact tree membership).
/// 3. **No writable cgroup** (unprivileged): no memory or CPU limit, except an opt-in RLIMIT_AS;
///    the tree is killed through its process groups and frozen with SIGSTOP.
///
/// Machine groups are created under `hangar/` in the launching process's own cgroup of each
/// hierarchy, so a daemon confined to a cgroup keeps its Machines inside it.
public struct ResourceLimiter: Sendable, Equatable, CustomStringConvertible {
    /// The cgroup2 directory holding one group per Machine.
    public var v2Parent: String?
    /// The controllers (`memory`, `cpu`) the v2 parent hands to its groups.
    public var v2Controllers: Set<String>
    /// cgroup v1 parents by controller (`memory`, `cpu`, `freezer`), for what v2 does not provide.
    public var v1Parents: [String: String]

    public init(v2Parent: String?, v2Controllers: Set<String>, v1Parents: [String: String]) {
        self.v2Parent = v2Parent
        self.v2Controllers = v2Controllers
        self.v1Parents = v1Parents
    }

    /// No cgroups at all (the unprivileged fallback).
    public static let processGroupsOnly = ResourceLimiter(v2Parent: nil, v2Controllers: [], v1Parents: [:])

    /// The directory name of the parent group in each hierarchy.
    public static let parentName = "hangar"

    /// The best this host offers to this process.
    public static func detect(layout: CgroupLayout = .of()) -> ResourceLimiter {
        var limiter = ResourceLimiter.processGroupsOnly
        if let directory = layout.v2Directory, access(directory, W_OK) == 0 {
            let parent = directory + "/" + parentName
            limiter.v2Parent = parent
            limiter.v2Controllers = enableV2Controllers(in: directory, parent: parent)
        }
        var wanted = ["memory", "cpu"].filter { !limiter.v2Controllers.contains($0) }
        if limiter.v2Parent == nil { wanted.append("freezer") }
        for controller in wanted {
            if let directory = layout.v1Directories[controller], access(directory, W_OK) == 0 {
                limiter.v1Parents[controller] = directory + "/" + parentName
            }
        }
        return limiter
    }

    /// Hands `memory` and `cpu` down to `parent` when the hierarchy has them. Returns those that
    /// could be enabled (none on hosts whose v2 hierarchy has no controllers).
    static func enableV2Controllers(in directory: String, parent: String) -> Set<String> {
        let available = Set((ControlFile.read(directory + "/cgroup.controllers") ?? "").split(separator: " ").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        })
        let wanted = ["memory", "cpu"].filter { available.contains($0) }
        guard !wanted.isEmpty else { return [] }
        if !ControlFile.exists(parent), mkdir(parent, 0o755) != 0, errno != EEXIST { return [] }
        var enabled: Set<String> = []
        for controller in wanted {
            // Fails with EBUSY when `directory` is not the root and still holds processes (the
            // "no internal processes" rule): the daemon must then run in a leaf of its own.
            guard (try? ControlFile.write(directory + "/cgroup.subtree_control", "+" + controller)) != nil,
                  (try? ControlFile.write(parent + "/cgroup.subtree_control", "+" + controller)) != nil
            else { continue }
            enabled.insert(controller)
        }
        return enabled
    }

    /// What enforces memory limits, for status output and docs.
    public var memoryEnforcement: String {
        if v2Controllers.contains("memory") { return "cgroup v2 memory.max" }
        if v1Parents["memory"] != nil { return "cgroup v1 memory.limit_in_bytes" }
        return "none (RLIMIT_AS only when asked for)"
    }

    public var cpuEnforcement: String {
        if v2Controllers.contains("cpu") { return "cgroup v2 cpu.max + cpu.weight" }
        if v1Parents["cpu"] != nil { return "cgroup v1 cpu.cfs_quota_us + cpu.shares" }
        return "none"
    }

    public var treeControl: String {
        if let v2Parent { return "cgroup v2 \(v2Parent) (cgroup.kill, cgroup.freeze)" }
        if let freezer = v1Parents["freezer"] { return "cgroup v1 freezer \(freezer), process groups" }
        return "process groups (SIGKILL, SIGSTOP)"
    }

    public var description: String {
        "memory: \(memoryEnforcement); cpu: \(cpuEnforcement); tree: \(treeControl)"
    }
}
