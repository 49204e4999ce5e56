import Foundation

/// The cgroups of one Machine, created from a `ResourceLimiter`: limits, membership, whole-tree
/// kill and freeze, OOM accounting.
public struct ResourceGroup: Sendable, Equatable {
    /// The Machine's cgroup2 directory.
    public var v2Path: String?
    /// Controllers active in `v2Path` (`memory`, `cpu`).
    public var v2Controllers: Set<String>
    /// The Machine's cgroup v1 directories by controller.
    public var v1Paths: [String: String]

    public init(v2Path: String?, v2Controllers: Set<String>, v1Paths: [String: String]) {
        self.v2Path = v2Path
        self.v2Controllers = v2Controllers
        self.v1Paths = v1Paths
    }

    /// Every directory, v2 first.
    public var paths: [String] {
        (v2Path.map { [$0] } ?? []) + v1Paths.keys.sorted().compactMap { v1Paths[$0] }
    }

    /// True when something other than process groups tracks the tree.
    public var isEmpty: Bool { v2Path == nil && v1Paths.isEmpty }

    /// A name usable as a cgroup directory.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.first != "." &&
            name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// Creates the groups of Machine `name` and writes its limits. A stale empty group of the same
    /// name (left by a crash) is replaced; a populated one is an error.
    static func create(_ limiter: ResourceLimiter, name: String, limits: ResourceLimits) throws(LaunchError) -> ResourceGroup {
        guard isValidName(name) else { throw .invalidSpec("machine id \(name.debugDescription) cannot name a cgroup") }
        var group = ResourceGroup(v2Path: nil, v2Controllers: limiter.v2Controllers, v1Paths: [:])
        do {
            if let parent = limiter.v2Parent {
                group.v2Path = try makeDirectory(parent: parent, name: name)
                // The parent may have been re-created since detection: hand the controllers down again.
                for controller in limiter.v2Controllers.sorted() {
                    try ControlFile.write(parent + "/cgroup.subtree_control", "+" + controller)
                }
            }
            for (controller, parent) in limiter.v1Parents {
                group.v1Paths[controller] = try makeDirectory(parent: parent, name: name)
            }
            try group.apply(limits)
        } catch {
            group.remove()
            throw error
        }
        return group
    }

    /// The groups process `pid` belongs to under `limiter`'s parents (re-adopting a Machine).
    static func locate(pid: Int32, limiter: ResourceLimiter) -> ResourceGroup {
        let layout = CgroupLayout.of(pid: String(pid))
        func isMachineGroup(_ directory: String) -> Bool {
            directory.split(separator: "/").dropLast().last == Substring(ResourceLimiter.parentName)
        }
        var group = ResourceGroup(v2Path: nil, v2Controllers: limiter.v2Controllers, v1Paths: [:])
        if limiter.v2Parent != nil, let directory = layout.v2Directory, isMachineGroup(directory) {
            group.v2Path = directory
        }
        for controller in limiter.v1Parents.keys {
            if let directory = layout.v1Directories[controller], isMachineGroup(directory) {
                group.v1Paths[controller] = directory
            }
        }
        return group
    }

    static func makeDirectory(parent: String, name: String) throws(LaunchError) -> String {
        let path = parent + "/" + name
        if ControlFile.exists(path) {
            let procs = ControlFile.read(path + "/cgroup.procs") ?? ""
            guard procs.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw .invalidSpec("cgroup \(path) still has processes: is the machine already running?")
            }
            rmdir(path)
        }
        for _ in 0..<3 {
            if !ControlFile.exists(parent), mkdir(parent, 0o755) != 0, errno != EEXIST {
                throw .system("mkdir \(parent)", errno)
            }
            if mkdir(path, 0o755) == 0 { return path }
            // ENOENT: another Machine's cleanup removed the (empty) parent in between; retry.
            guard errno == ENOENT else { throw .system("mkdir \(path)", errno) }
        }
        throw .system("mkdir \(path)", ENOENT)
    }

    /// Writes the memory and CPU limits.
    func apply(_ limits: ResourceLimits) throws(LaunchError) {
        if let v2 = v2Path {
            if v2Controllers.contains("memory") {
                try ControlFile.write(v2 + "/memory.max", limits.memoryBytes.map(String.init) ?? "max")
                // Fly Machines have no swap unless swap_size_mb asks for it.
                if ControlFile.exists(v2 + "/memory.swap.max") { try ControlFile.write(v2 + "/memory.swap.max", "0") }
            }
            if v2Controllers.contains("cpu") {
                try ControlFile.write(v2 + "/cpu.max", "\(limits.cpuQuota) \(ResourceLimits.cpuPeriod)")
                try ControlFile.write(v2 + "/cpu.weight", String(limits.cpuWeight))
            }
        }
        if let memory = v1Paths["memory"], let bytes = limits.memoryBytes {
            try ControlFile.write(memory + "/memory.limit_in_bytes", String(bytes))
            // memory+swap: only present with swap accounting; must not be below the memory limit.
            if ControlFile.exists(memory + "/memory.memsw.limit_in_bytes") {
                try ControlFile.write(memory + "/memory.memsw.limit_in_bytes", String(bytes))
            }
        }
        if let cpu = v1Paths["cpu"] {
            try ControlFile.write(cpu + "/cpu.cfs_period_us", String(ResourceLimits.cpuPeriod))
            try ControlFile.write(cpu + "/cpu.cfs_quota_us", String(limits.cpuQuota))
            try ControlFile.write(cpu + "/cpu.shares", String(limits.cpuShares))
        }
    }

    /// Moves `pid` (and so its future children) into every group.
    func add(pid: Int32) throws(LaunchError) {
        for path in paths { try ControlFile.write(path + "/cgroup.procs", String(pid)) }
    }

    /// The pids in the Machine's groups.
    public func processIDs() -> [Int32] {
        guard let path = v2Path ?? v1Paths["memory"] ?? v1Paths.values.first else { return [] }
        return (ControlFile.read(path + "/cgroup.procs") ?? "").split(separator: "\n").compactMap { Int32($0) }
    }

    /// How many times the memory limit's OOM killer has killed a process of this Machine.
    public func oomKills() -> Int {
        if let v2 = v2Path, v2Controllers.contains("memory"),
           let count = ControlFile.read(v2 + "/memory.events").flatMap({ ControlFile.keyed($0, "oom_kill") }) {
            return count
        }
        if let memory = v1Paths["memory"],
           let count = ControlFile.read(memory + "/memory.oom_control").flatMap({ ControlFile.keyed($0, "oom_kill") }) {
            return count
        }
        return 0
    }

    /// SIGKILLs every process of the Machine. False when no cgroup tracks the tree.
    @discardableResult
    func killAll(except spared: Int32? = nil) -> Bool {
        if spared == nil, let v2 = v2Path, ControlFile.exists(v2 + "/cgroup.kill") {
            if (try? ControlFile.write(v2 + "/cgroup.kill", "1")) != nil { return true }
        }
        guard !isEmpty else { return false }
        // Without cgroup.kill: signal the listed processes until none is left (new forks show up
        // in the next round).
        for _ in 0..<20 {
            let pids = processIDs().filter { $0 != spared }
            if pids.isEmpty { break }
            for pid in pids { kill(pid, SIGKILL) }
            usleep(5_000)
        }
        return true
    }

    /// Freezes the Machine. False when no cgroup can (the caller falls back to SIGSTOP).
    func freeze() throws(LaunchError) -> Bool {
        if let v2 = v2Path, ControlFile.exists(v2 + "/cgroup.freeze") {
            try ControlFile.write(v2 + "/cgroup.freeze", "1")
            waitUntil { ControlFile.read(v2 + "/cgroup.events").flatMap { ControlFile.keyed($0, "frozen") } == 1 }
            return true
        }
        if let freezer = v1Paths["freezer"] {
            try ControlFile.write(freezer + "/freezer.state", "FROZEN")
            waitUntil { ControlFile.read(freezer + "/freezer.state")?.hasPrefix("FROZEN") == true }
            return true
        }
        return false
    }

    func thaw() throws(LaunchError) -> Bool {
        if let v2 = v2Path, ControlFile.exists(v2 + "/cgroup.freeze") {
            try ControlFile.write(v2 + "/cgroup.freeze", "0")
            return true
        }
        if let freezer = v1Paths["freezer"] {
            try ControlFile.write(freezer + "/freezer.state", "THAWED")
            return true
        }
        return false
    }

    /// True when the Machine is frozen by its cgroup.
    public var isFrozen: Bool {
        if let v2 = v2Path, let events = ControlFile.read(v2 + "/cgroup.events") {
            return ControlFile.keyed(events, "frozen") == 1
        }
        if let freezer = v1Paths["freezer"] { return ControlFile.read(freezer + "/freezer.state")?.hasPrefix("FROZEN") == true }
        return false
    }

    /// Removes the groups once their processes are gone (waits up to ~2 s for exiting ones), then
    /// the parents if no other Machine uses them.
    func remove() {
        for path in paths {
            for _ in 0..<400 {
                if rmdir(path) == 0 || errno == ENOENT { break }
                usleep(5_000)
            }
            let parent = (path as NSString).deletingLastPathComponent
            if parent.hasSuffix("/" + ResourceLimiter.parentName) { rmdir(parent) }
        }
    }

    /// Polls `condition` for up to 5 s.
    private func waitUntil(_ condition: () -> Bool) {
        for _ in 0..<1000 {
            if condition() { return }
            usleep(5_000)
        }
    }
}
