/// `[[files]]` (spec §5.14): a file written into the Machine.
public struct File: Sendable, Equatable, Codable {
    public var guestPath: String?
    /// Highest precedence source.
    public var localPath: String?
    public var secretName: String?
    /// Lowest precedence source (flyctl sends the literal bytes).
    public var rawValue: String?
    public var processes: [String]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case guestPath = "guest_path"
        case localPath = "local_path"
        case secretName = "secret_name"
        case rawValue = "raw_value"
        case processes
    }
}
