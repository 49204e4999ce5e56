/// Maps normalised config paths to where they were written in the original file.
///
/// Paths use `.` for tables and `[i]` for array elements, in the normalised shape
/// (`http_service.checks[0].interval`, `services[1].ports[0].port`, `checks.status.interval`,
/// `mounts[0].source`, `vm[0].memory`, `env.FOO`, `processes.web`). Legacy forms map to the place
/// they were written: `[mount]` → `mounts[0]`, `[vm]`/`[[compute]]` → `vm[i]`, `[[processes]]` →
/// `processes.<name>` (at the `name` value), a `"12,23"` concurrency → `services[0].concurrency.*`
/// (at the string).
public struct SourceMap: Sendable, Equatable {
    /// Where a path was written.
    public struct Location: Sendable, Equatable {
        /// The key that names the value (for an array element, the element itself).
        public var key: SourcePosition
        /// The value (for a `[table]`, its header's `[`).
        public var value: SourcePosition

        public init(key: SourcePosition, value: SourcePosition) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var locations: [String: Location] = [:]

    public init() {}

    /// Builds the map of every key and element of a (normalised) tree.
    public init(tree: TOMLTable) {
        walk(tree, path: "")
    }

    public mutating func record(_ path: String, key: SourcePosition, value: SourcePosition) {
        locations[path] = Location(key: key, value: value)
    }

    private mutating func walk(_ table: TOMLTable, path: String) {
        for e in table.entries {
            let p = ConfigPath.join(path, e.key)
            record(p, key: e.keyPosition, value: e.node.position)
            walk(e.node, path: p)
        }
    }

    private mutating func walk(_ node: TOMLNode, path: String) {
        switch node.value {
        case .table(let t):
            walk(t, path: path)
        case .array(let items):
            for (i, item) in items.enumerated() {
                let p = ConfigPath.index(path, i)
                record(p, key: item.position, value: item.position)
                walk(item, path: p)
            }
        default:
            break
        }
    }

    /// The position of the key at `path`, or of its nearest known ancestor; nil if none is known.
    public func position(of path: String) -> SourcePosition? {
        location(of: path)?.key
    }

    /// The position of the value at `path`, or of its nearest known ancestor's value.
    public func valuePosition(of path: String) -> SourcePosition? {
        location(of: path)?.value
    }

    /// The location of `path` or of its nearest known ancestor.
    public func location(of path: String) -> Location? {
        var current: String? = path
        while let p = current {
            if let location = locations[p] { return location }
            current = ConfigPath.parent(of: p)
        }
        return nil
    }

    /// True when exactly `path` was written (after normalisation).
    public func contains(_ path: String) -> Bool { locations[path] != nil }
}
