/// `[[statics]]` (spec §5.13). Applies to every group.
public struct Static: Sendable, Equatable, Codable {
    public var guestPath: String?
    public var urlPrefix: String?
    public var tigrisBucket: String?
    public var indexDocument: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case guestPath = "guest_path"
        case urlPrefix = "url_prefix"
        case tigrisBucket = "tigris_bucket"
        case indexDocument = "index_document"
    }
}
