/// A free-form value kept as written (e.g. `[build.settings]`), in JSON-compatible shape.
public indirect enum ConfigValue: Sendable, Hashable, Codable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case array([ConfigValue])
    case table([String: ConfigValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) {
            self = .boolean(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? container.decode(Double.self) {
            self = .float(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([ConfigValue].self) {
            self = .array(a)
        } else {
            self = .table(try container.decode([String: ConfigValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .integer(let i): try container.encode(i)
        case .float(let d): try container.encode(d)
        case .boolean(let b): try container.encode(b)
        case .array(let a): try container.encode(a)
        case .table(let t): try container.encode(t)
        }
    }
}
