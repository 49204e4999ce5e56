/// A string-keyed map that encodes its entries sorted by key, so the output never depends on
/// dictionary order.
struct SortedMap<Value: Encodable & Sendable & Equatable>: Encodable, Sendable, Equatable {
    private(set) var entries: [(key: String, value: Value)]

    init(_ dictionary: [String: Value] = [:]) {
        entries = dictionary.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { (key: $0.key, value: $0.value) }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Nil when empty, so optional fields are left out.
    var nonEmpty: SortedMap? { isEmpty ? nil : self }

    subscript(key: String) -> Value? {
        get { entries.first { $0.key == key }?.value }
        set {
            var d = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })
            d[key] = newValue
            self = SortedMap(d)
        }
    }

    static func == (lhs: SortedMap, rhs: SortedMap) -> Bool {
        lhs.entries.map(\.key) == rhs.entries.map(\.key) && lhs.entries.map(\.value) == rhs.entries.map(\.value)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (key, value) in entries {
            try container.encode(value, forKey: AnyKey(key))
        }
    }
}

/// A coding key made from any string.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
