import Foundation

/// Where the cgroup hierarchies are mounted and where a process sits in each.
public struct CgroupLayout: Sendable, Equatable {
    /// The process's directory in the cgroup2 hierarchy, if one is mounted.
    public var v2Directory: String?
    /// The process's directory in each cgroup v1 hierarchy, by controller (`memory`, `cpu`, ...).
    public var v1Directories: [String: String]

    public init(v2Directory: String?, v1Directories: [String: String]) {
        self.v2Directory = v2Directory
        self.v1Directories = v1Directories
    }

    /// The layout seen by process `pid` ("self" for this one).
    public static func of(pid: String = "self") -> CgroupLayout {
        parse(mountinfo: ControlFile.read("/proc/self/mountinfo") ?? "",
              cgroup: ControlFile.read("/proc/\(pid)/cgroup") ?? "")
    }

    /// Builds the layout from `/proc/self/mountinfo` and `/proc/PID/cgroup`.
    public static func parse(mountinfo: String, cgroup: String) -> CgroupLayout {
        var v2Mount: (root: String, point: String)?
        var v1Mounts: [String: (root: String, point: String)] = [:]
        for line in mountinfo.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard let dash = fields.firstIndex(of: "-"), dash >= 5, fields.count >= dash + 4 else { continue }
            let root = unescape(fields[3]), point = unescape(fields[4])
            switch fields[dash + 1] {
            case "cgroup2":
                if v2Mount == nil { v2Mount = (root, point) }
            case "cgroup":
                for option in fields[dash + 3].split(separator: ",") where !option.contains("=") {
                    let name = String(option)
                    if v1Mounts[name] == nil { v1Mounts[name] = (root, point) }
                }
            default:
                continue
            }
        }

        var layout = CgroupLayout(v2Directory: nil, v1Directories: [:])
        for line in cgroup.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = String(parts[2])
            if parts[1].isEmpty {
                if let mount = v2Mount { layout.v2Directory = join(mount, path) }
                continue
            }
            for controller in parts[1].split(separator: ",") {
                if let mount = v1Mounts[String(controller)] {
                    layout.v1Directories[String(controller)] = join(mount, path)
                }
            }
        }
        return layout
    }

    /// The directory of cgroup `path` in a hierarchy mounted at `point` showing `root`.
    static func join(_ mount: (root: String, point: String), _ path: String) -> String {
        var relative = path
        if mount.root != "/", relative.hasPrefix(mount.root) { relative = String(relative.dropFirst(mount.root.count)) }
        let trimmed = relative.split(separator: "/").joined(separator: "/")
        return trimmed.isEmpty ? mount.point : mount.point + "/" + trimmed
    }

    /// mountinfo escapes space, tab, newline and backslash as `\ooo`.
    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var i = 0
        while i < source.count {
            if source[i] == UInt8(ascii: "\\"), i + 4 <= source.count,
               let value = UInt8(String(decoding: source[(i + 1)..<(i + 4)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                i += 4
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
