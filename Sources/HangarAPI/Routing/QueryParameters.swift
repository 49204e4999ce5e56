/// The decoded `name=value` pairs of a query string. A malformed escape makes the whole query invalid.
public struct QueryParameters: Sendable, Equatable {
    public private(set) var pairs: [(name: String, value: String)]

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    public init(pairs: [(name: String, value: String)] = []) {
        self.pairs = pairs
    }

    /// Parses `a=1&b=two&flag`; nil when an escape is malformed.
    public init?(parsing query: String?) {
        var pairs: [(name: String, value: String)] = []
        for piece in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(parts[0], plusIsSpace: true),
                let value = PercentEncoding.decode(parts.count > 1 ? parts[1] : "", plusIsSpace: true)
            else { return nil }
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// The last value given for `name`.
    public subscript(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Renders the pairs as a query string (without `?`).
    public var encoded: String {
        pairs.map { PercentEncoding.encode($0.name) + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
    }
}
