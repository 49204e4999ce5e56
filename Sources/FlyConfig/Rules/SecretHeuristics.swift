import Foundation

/// How `EnvSecretsRule` recognises a secret: by name, by a password inside a URL, or by a value that
/// looks random.
enum SecretHeuristics {
    /// Why a value looks secret, or nil.
    static func reason(name: String, value: String) -> String? {
        guard !isPlaceholder(value) else { return nil }
        if let user = urlCredentials(value) {
            return "a URL with the password of '\(user)'"
        }
        guard !isPublicByDesign(name) else { return nil }
        if webhookToken(name: name, value: value) {
            return "a webhook URL whose path carries its token"
        }
        if secretName(name) && plausibleSecretValue(value) {
            return "its name says it is a secret"
        }
        if looksRandom(value) {
            return "a random-looking value"
        }
        return nil
    }

    /// The first 4 characters and an ellipsis (never the whole value).
    static func mask(_ value: String) -> String {
        value.count <= 4 ? String(repeating: "*", count: value.count) + "…" : String(value.prefix(4)) + "…"
    }

    // MARK: Names

    static let secretSuffixes = [
        "_KEY", "_TOKEN", "_SECRET", "_PASSWORD", "_PASS", "_PASSWD", "_PWD", "_DSN", "_CREDENTIALS", "_APIKEY",
    ]
    static let secretNames = ["PASSWORD", "PASS", "PASSWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "DSN"]
    /// Name endings that describe a setting about a secret, not the secret.
    static let harmlessSuffixes = [
        "_KEY_ID", "_ID", "_FILE", "_PATH", "_NAME", "_TTL", "_EXPIRY", "_EXPIRES_IN", "_EXPIRATION", "_HEADER",
        "_LENGTH", "_ALGORITHM", "_ALG", "_TYPE", "_URL", "_ENDPOINT", "_HOST", "_PORT", "_PREFIX", "_ENABLED",
        "_REGION", "_VERSION", "_MODE", "_FORMAT",
    ]
    /// Names that are shipped to browsers on purpose (and so are not secrets).
    static let publicPrefixes = ["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "PUBLIC_", "EXPO_PUBLIC_", "NUXT_PUBLIC_", "GATSBY_"]

    static func secretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        if harmlessSuffixes.contains(where: { upper.hasSuffix($0) }) { return false }
        if secretNames.contains(upper) { return true }
        if secretSuffixes.contains(where: { upper.hasSuffix($0) }) { return true }
        return upper.contains("SECRET") || upper.contains("PASSWORD")
    }

    static func isPublicByDesign(_ name: String) -> Bool {
        let upper = name.uppercased()
        return publicPrefixes.contains(where: { upper.hasPrefix($0) }) || upper.contains("PUBLIC")
            || upper.contains("PUBLISHABLE") || upper.hasSuffix("SITE_KEY") || upper.hasSuffix("SITEKEY")
    }

    // MARK: Values

    static let harmlessWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "none", "null", "nil", "undefined", "disabled", "enabled",
        "production", "development", "staging", "test",
    ]

    /// Empty, a reference to something else (`${VAR}`, `$VAR`), or an obvious stand-in.
    static func isPlaceholder(_ value: String) -> Bool {
        let lowered = value.lowercased()
        return value.isEmpty || value.hasPrefix("$") || value.contains("${") || value.hasPrefix("<")
            || value.hasPrefix("{") || lowered.hasPrefix("xxx") || lowered.contains("your")
            || placeholderWords.contains(where: { lowered.contains($0) })
    }

    /// Words that mark a value as a stand-in for the real secret.
    static let placeholderWords = [
        "changeme", "change_me", "change-me", "placeholder", "example", "dummy", "sample", "redacted", "replace",
        "todo", "fixme", "notset", "not_set", "not-set",
    ]

    /// A value a secret-named variable would plausibly hold: not a flag, number, path or plain URL.
    static func plausibleSecretValue(_ value: String) -> Bool {
        guard value.count >= 6, !value.contains(where: \.isWhitespace) else { return false }
        if harmlessWords.contains(value.lowercased()) { return false }
        if value.allSatisfy(\.isNumber) && value.count < 10 { return false }
        if value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("~/") { return false }
        if value.contains("://") { return false }
        // Identifiers made of words (`reverb_app_key`) name something rather than hide it.
        if isWords(value) { return false }
        return true
    }

    /// The user name when `value` is a URL carrying a non-empty password (`scheme://user:pass@host`).
    static func urlCredentials(_ value: String) -> String? {
        guard let schemeEnd = value.range(of: "://") else { return nil }
        let rest = value[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        let password = userInfo[userInfo.index(after: colon)...]
        guard !password.isEmpty, !isPlaceholder(String(password)) else { return nil }
        return String(userInfo[..<colon])
    }

    /// A webhook URL (Discord, Slack, or a `*WEBHOOK*` variable) with a random-looking path segment:
    /// whoever has the URL can post with it.
    static func webhookToken(name: String, value: String) -> Bool {
        guard let schemeEnd = value.range(of: "://") else { return false }
        let lowered = value.lowercased()
        guard name.uppercased().contains("WEBHOOK") || lowered.contains("/webhooks/") || lowered.contains("hooks.slack.com")
        else { return false }
        let path = value[schemeEnd.upperBound...].drop { $0 != "/" }
        return path.split(separator: "/").contains { segment in
            let token = segment.prefix { $0 != "?" && $0 != "#" }
            return token.count >= 20 && entropy(Array(String(token).unicodeScalars)) >= 3.5
        }
    }

    /// At least 20 characters without spaces, mixing letters and digits, that is not a URL, path,
    /// host name, UUID or a run of words, and whose characters are spread out (Shannon entropy).
    static func looksRandom(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count >= 20, !value.contains(where: \.isWhitespace) else { return false }
        if value.contains("://") || value.hasPrefix("/") || value.hasPrefix("./") { return false }
        let letters = scalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }.count
        let digits = scalars.filter { ("0"..."9").contains($0) }.count
        guard letters > 0, digits > 0 else { return false }
        if isUUID(value) || isHostName(value) || isWords(value) { return false }
        let hexOnly = scalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
        let threshold = hexOnly ? 3.4 : 4.0
        return entropy(scalars) >= threshold
    }

    /// Shannon entropy in bits per character.
    static func entropy(_ scalars: [Unicode.Scalar]) -> Double {
        var counts: [Unicode.Scalar: Int] = [:]
        for s in scalars { counts[s, default: 0] += 1 }
        let total = Double(scalars.count)
        return counts.values.reduce(0.0) { sum, n in
            let p = Double(n) / total
            return sum - p * Foundation.log2(p)
        }
    }

    static func isUUID(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12]
            && parts.allSatisfy { $0.allSatisfy { $0.isHexDigit } }
    }

    /// Dotted labels ending in an alphabetic label (`api.example.com`, `registry.fly.io/app:tag`).
    static func isHostName(_ value: String) -> Bool {
        let host = value.prefix { $0 != "/" && $0 != ":" }
        let labels = host.split(separator: ".")
        guard labels.count >= 2, let last = labels.last, last.allSatisfy(\.isLetter) else { return false }
        return true
    }

    /// Words joined by `-`, `_`, `.`, `:` or `,` where every word is letters (optionally followed by
    /// up to 3 digits, as in `v2` or `utf8`) or a number of at most 8 digits.
    static func isWords(_ value: String) -> Bool {
        let words = value.split(whereSeparator: { "-_.:,".contains($0) })
        guard words.count >= 2 else { return false }
        return words.allSatisfy { word in
            let letters = word.prefix(while: \.isLetter)
            let rest = word.dropFirst(letters.count)
            if letters.isEmpty { return rest.allSatisfy(\.isNumber) && rest.count <= 8 }
            return rest.count <= 3 && rest.allSatisfy(\.isNumber)
        }
    }
}
