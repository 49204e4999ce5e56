/// Maps paths in a group's flattened view back to paths in the file.
///
/// `AppConfig.flattened(for:)` keeps only the entries that apply to the group, so `mounts[0]` in the
/// view may be `mounts[3]` in the file. Top-level arrays are renumbered; everything else (tables,
/// named checks, nested arrays) keeps its path.
public struct GroupPathMap: Sendable {
    private let indices: [String: [Int]]

    public init(config: AppConfig, group: String) {
        func kept<T>(_ list: [T]?, _ processes: (T) -> [String]?) -> [Int] {
            (list ?? []).enumerated().filter { config.applies(processes($0.element), to: group) }.map(\.offset)
        }
        var map: [String: [Int]] = [:]
        map["services"] = kept(config.services) { $0.processes }
        map["mounts"] = kept(config.mounts) { $0.processes }
        map["files"] = kept(config.files) { $0.processes }
        map["metrics"] = kept(config.metrics) { $0.processes }
        map["restart"] = kept(config.restart) { $0.processes }
        map["vm"] = config.vmIndex(for: group).map { [$0] } ?? []
        indices = map
    }

    /// The file's path for `path` in the flattened view.
    public func original(_ path: String) -> String {
        guard let open = path.firstIndex(of: "["),
            let close = path[open...].firstIndex(of: "]"),
            !path[..<open].contains("."),
            let list = indices[String(path[..<open])],
            let i = Int(path[path.index(after: open)..<close]),
            list.indices.contains(i)
        else { return path }
        return "\(path[..<open])[\(list[i])]\(path[path.index(after: close)...])"
    }
}
