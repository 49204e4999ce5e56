/// HG311: `[[statics]]` entries the platform can serve (warnings): `guest_path` and `url_prefix`
/// present, at most 10 entries, and no URL prefix shadowing another.
struct StaticsRule: Rule {
    let codes = ["HG311"]
    let summary = "[[statics]] have guest_path and url_prefix, at most 10, prefixes not overlapping"

    static let limit = 10

    func check(_ context: RuleContext) -> [Diagnostic] {
        let statics = context.config.statics ?? []
        var result: [Diagnostic] = []
        for (i, entry) in statics.enumerated() {
            let base = "statics[\(i)]"
            if (entry.guestPath ?? "").isEmpty {
                result.append(
                    context.warning(
                        "HG311", "static has no guest_path", hint: "add guest_path = \"/app/public\" (the directory to serve)",
                        path: base))
            }
            if (entry.urlPrefix ?? "").isEmpty {
                result.append(
                    context.warning(
                        "HG311", "static has no url_prefix", hint: "add url_prefix = \"/static\" (the URL path it answers)",
                        path: base))
            }
        }
        if statics.count > Self.limit {
            result.append(
                context.warning(
                    "HG311", "\(statics.count) [[statics]] entries; the platform serves at most \(Self.limit)",
                    hint: "merge directories under a common url_prefix", path: "statics[\(Self.limit)]"))
        }
        for (i, entry) in statics.enumerated() {
            guard let prefix = entry.urlPrefix, !prefix.isEmpty else { continue }
            for j in 0..<i {
                guard let other = statics[j].urlPrefix, !other.isEmpty, Self.overlaps(prefix, other) else { continue }
                let message = Self.trimmed(prefix) == Self.trimmed(other)
                    ? "url_prefix '\(prefix)' is also used by statics[\(j)]"
                    : "url_prefix '\(prefix)' overlaps '\(other)' of statics[\(j)]"
                result.append(
                    context.warning(
                        "HG311", message, hint: "give each static a distinct, non-nested url_prefix",
                        path: "statics[\(i)].url_prefix"))
                break
            }
        }
        return result
    }

    /// True when one prefix covers the other's URLs (path-segment aware: `/a` covers `/a/b`, not `/ab`).
    static func overlaps(_ a: String, _ b: String) -> Bool {
        let x = trimmed(a)
        let y = trimmed(b)
        if x == y { return true }
        return y.hasPrefix(x + "/") || x.hasPrefix(y + "/") || x.isEmpty || y.isEmpty
    }

    /// The prefix without a trailing slash.
    static func trimmed(_ prefix: String) -> String {
        prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
    }
}
