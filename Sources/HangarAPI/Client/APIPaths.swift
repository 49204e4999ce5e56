/// The API's paths, with every user-given segment percent-encoded so it stays one segment.
public enum APIPaths {
    public static let daemon = "/v1/hangar/daemon"
    public static let apps = "/v1/apps"
    public static let hangarApps = "/v1/hangar/apps"
    public static let tokens = "/v1/hangar/tokens"

    public static func app(_ app: String, _ rest: String...) -> String {
        ([apps, PercentEncoding.encode(app)] + rest).joined(separator: "/")
    }

    /// Hangar's own routes of an app (`/v1/hangar/apps/{app}/...`).
    public static func hangarApp(_ app: String, _ rest: String...) -> String {
        ([hangarApps, PercentEncoding.encode(app)] + rest).joined(separator: "/")
    }

    public static func machine(_ app: String, _ id: String, _ rest: String...) -> String {
        ([apps, PercentEncoding.encode(app), "machines", PercentEncoding.encode(id)] + rest).joined(separator: "/")
    }
}
