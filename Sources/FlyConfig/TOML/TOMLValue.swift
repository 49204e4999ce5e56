/// A TOML local date (`1979-05-27`).
public struct TOMLDate: Sendable, Hashable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

/// A TOML local time (`07:32:00.999999`). Fractions beyond nanoseconds are truncated.
public struct TOMLTime: Sendable, Hashable, Codable {
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int

    public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }
}

/// A TOML value. Tables and arrays hold `TOMLNode`s so every nested value keeps its position.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// `1979-05-27T07:32:00-07:00`; the offset is in minutes east of UTC (`Z` is 0).
    case offsetDateTime(TOMLDate, TOMLTime, offsetMinutes: Int)
    case localDateTime(TOMLDate, TOMLTime)
    case localDate(TOMLDate)
    case localTime(TOMLTime)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The TOML type name used in messages ("string", "integer", "table", ...).
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .offsetDateTime: "datetime"
        case .localDateTime: "local datetime"
        case .localDate: "local date"
        case .localTime: "local time"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A value together with where it starts in the source.
///
/// For a table opened by a `[header]` or `[[header]]` the position is that of the header's `[`;
/// for an inline table or array, its opening bracket; for a table created implicitly by a dotted
/// key or a nested header, the key that created it.
public struct TOMLNode: Sendable, Equatable {
    public var value: TOMLValue
    public var position: SourcePosition

    public init(_ value: TOMLValue, at position: SourcePosition) {
        self.value = value
        self.position = position
    }

    public var string: String? { if case .string(let s) = value { s } else { nil } }
    public var integer: Int64? { if case .integer(let i) = value { i } else { nil } }
    public var float: Double? { if case .float(let d) = value { d } else { nil } }
    public var boolean: Bool? { if case .boolean(let b) = value { b } else { nil } }
    public var array: [TOMLNode]? { if case .array(let a) = value { a } else { nil } }
    public var table: TOMLTable? { if case .table(let t) = value { t } else { nil } }
}

/// An ordered TOML table: keys keep the order in which the document defined them.
public struct TOMLTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        /// Where the key itself is written (for a dotted key, the segment that names this entry).
        public var keyPosition: SourcePosition
        public var node: TOMLNode

        public init(key: String, keyPosition: SourcePosition, node: TOMLNode) {
            self.key = key
            self.keyPosition = keyPosition
            self.node = node
        }
    }

    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    public init() {}

    public init(_ entries: [Entry]) {
        for entry in entries { store(entry) }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
    public var keys: [String] { entries.map(\.key) }

    public func contains(_ key: String) -> Bool { index[key] != nil }

    /// The node stored under `key`.
    public subscript(key: String) -> TOMLNode? {
        guard let i = index[key] else { return nil }
        return entries[i].node
    }

    /// The whole entry (key position included) stored under `key`.
    public func entry(_ key: String) -> Entry? {
        index[key].map { entries[$0] }
    }

    private mutating func store(_ entry: Entry) {
        if let i = index[entry.key] {
            entries[i] = entry
        } else {
            index[entry.key] = entries.count
            entries.append(entry)
        }
    }

    /// Sets `node` under `key`, keeping the old key position when the key already exists.
    public mutating func set(_ key: String, _ node: TOMLNode, keyPosition: SourcePosition? = nil) {
        let position = keyPosition ?? index[key].map { entries[$0].keyPosition } ?? node.position
        store(Entry(key: key, keyPosition: position, node: node))
    }

    /// Removes `key` and returns what it held.
    @discardableResult
    public mutating func remove(_ key: String) -> Entry? {
        guard let i = index[key] else { return nil }
        let removed = entries.remove(at: i)
        index[key] = nil
        for j in i..<entries.count { index[entries[j].key] = j }
        return removed
    }

    /// Renames `old` to `new` in place (same order, same positions). Does nothing if `old` is absent
    /// or `new` already exists.
    public mutating func rename(_ old: String, to new: String) {
        guard let i = index[old], index[new] == nil else { return }
        entries[i].key = new
        index[old] = nil
        index[new] = i
    }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool { lhs.entries == rhs.entries }
}

/// A TOML syntax error with the place it was found.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: SourcePosition

    public init(_ message: String, at position: SourcePosition) {
        self.message = message
        self.position = position
    }

    public var description: String { "\(position.line):\(position.column): \(message)" }
}
