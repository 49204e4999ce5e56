import Yams

/// A string that stays a string for every YAML reader: Yams quotes what YAML 1.1 would read as a
/// bool, number or null, and this also quotes the one-letter booleans (`y`, `n`) some readers
/// accept and text that looks like a number or date to YAML 1.2 readers.
struct YAMLText: Encodable, YAMLEncodable, Sendable, Equatable, ExpressibleByStringLiteral {
    var value: String

    init(_ value: String) { self.value = value }
    init(stringLiteral value: String) { self.value = value }

    func box() -> Node {
        if Self.ambiguous.contains(value) { return Node(value, Tag(.str), .doubleQuoted) }
        return .scalar(value.represented())
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    private static let ambiguous: Set<String> = ["y", "Y", "n", "N", "yes", "no", "on", "off", "~"]
}
