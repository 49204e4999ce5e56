/// A small HCL2 document model: what a Nomad job needs (attributes, labelled blocks, strings,
/// numbers, bools, lists, objects, heredocs).
struct HCLBody: Sendable, Equatable {
    var items: [HCLItem] = []

    init(_ items: [HCLItem] = []) {
        self.items = items
    }

    mutating func set(_ name: String, _ value: HCLValue) { items.append(.attribute(name, value)) }
    mutating func set(_ name: String, _ value: String) { items.append(.attribute(name, .string(value))) }
    mutating func set(_ name: String, _ value: Int) { items.append(.attribute(name, .int(value))) }
    mutating func set(_ name: String, _ value: Bool) { items.append(.attribute(name, .bool(value))) }
    mutating func set(_ name: String, _ value: [String]) { items.append(.attribute(name, .list(value.map(HCLValue.string)))) }

    mutating func block(_ type: String, _ labels: [String] = [], _ build: (inout HCLBody) -> Void) {
        var body = HCLBody()
        build(&body)
        items.append(.block(HCLBlock(type: type, labels: labels, body: body)))
    }

    mutating func append(_ block: HCLBlock) { items.append(.block(block)) }

    /// The value of attribute `name`, if set.
    func attribute(_ name: String) -> HCLValue? {
        for case .attribute(let n, let v) in items where n == name { return v }
        return nil
    }

    /// Blocks of `type`.
    func blocks(_ type: String) -> [HCLBlock] {
        items.compactMap { item in
            if case .block(let b) = item, b.type == type { return b }
            return nil
        }
    }
}

enum HCLItem: Sendable, Equatable {
    case attribute(String, HCLValue)
    case block(HCLBlock)
}

struct HCLBlock: Sendable, Equatable {
    var type: String
    var labels: [String]
    var body: HCLBody
}

indirect enum HCLValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([HCLValue])
    /// An object with string keys, written in key order as given.
    case object([(String, HCLValue)])
    /// A multi-line string written as a heredoc (`<<EOT`), no interpolation in it.
    case heredoc(String)

    static func == (lhs: HCLValue, rhs: HCLValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)), (.heredoc(let a), .heredoc(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: false
        }
    }

    var stringValue: String? {
        switch self {
        case .string(let s), .heredoc(let s): s
        default: nil
        }
    }

    var intValue: Int? {
        if case .int(let n) = self { return n }
        return nil
    }
}
