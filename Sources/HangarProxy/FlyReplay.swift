/// A `fly-replay` response header, as far as one host can honour it: `instance=<id>` (or
/// `prefer_instance=<id>`) re-delivers the request to that machine. Regions, apps and the rest name
/// places that do not exist here; a replay to them goes to any machine of the service.
public struct FlyReplay: Sendable, Equatable {
    public var instance: String?
    public var preferInstance: String?
    /// The most replays of one request (Fly's limit).
    public static let hopLimit = 10

    /// Parses `key=value` fields joined with `;` (nil for an empty header).
    public init?(header: String) {
        var fields: [String: String] = [:]
        for field in header.split(separator: ";") {
            let parts = field.split(separator: "=", maxSplits: 1).map { $0.filter { $0 != " " } }
            guard parts.count == 2 else { continue }
            fields[parts[0].lowercased()] = parts[1].replacingQuotes()
        }
        guard !fields.isEmpty else { return nil }
        instance = fields["instance"]
        preferInstance = fields["prefer_instance"]
    }
}

extension String {
    fileprivate func replacingQuotes() -> String { filter { $0 != "\"" } }
}
