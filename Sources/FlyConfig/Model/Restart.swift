/// `[[restart]]` (spec §5.12).
public struct Restart: Sendable, Equatable, Codable {
    /// Exactly `always`, `never` or `on-failure` (validated by rules).
    public var policy: String?
    /// → API `max_retries`.
    public var retries: Int?
    public var processes: [String]?

    public init(policy: String? = nil, retries: Int? = nil, processes: [String]? = nil) {
        self.policy = policy
        self.retries = retries
        self.processes = processes
    }
}
