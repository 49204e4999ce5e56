/// `concurrency` of a service: load limits per Machine.
public struct Concurrency: Sendable, Equatable, Codable {
    /// `connections` (platform default) or `requests`; not validated by flyctl.
    public var type: String?
    public var softLimit: Int?
    public var hardLimit: Int?

    public init(type: String? = nil, softLimit: Int? = nil, hardLimit: Int? = nil) {
        self.type = type
        self.softLimit = softLimit
        self.hardLimit = hardLimit
    }

    enum CodingKeys: String, CodingKey {
        case type
        case softLimit = "soft_limit"
        case hardLimit = "hard_limit"
    }
}
