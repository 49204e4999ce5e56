import X509

/// DNS host names as certificates and SNI use them: lowercase, no trailing dot, `*.` wildcards.
public enum HostName {
    /// Lowercased, without a trailing dot or a `:port`.
    public static func normalise(_ name: String) -> String {
        var text = name.lowercased()
        if let colon = text.lastIndex(of: ":"), !text.contains("["), text[text.index(after: colon)...].allSatisfy(\.isNumber) {
            text = String(text[..<colon])
        }
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// The normalised name, or an error saying what is wrong with it: labels of letters, digits and
    /// `-` (not at either end), each at most 63 bytes, at most 253 in all; `*` only as a whole first
    /// label followed by at least two more.
    public static func validate(_ name: String) throws(CertificateError) -> String {
        let text = normalise(name)
        let quoted = "\"\(name)\""
        guard !text.isEmpty else { throw .invalid("the host name is empty") }
        guard text.utf8.count <= 253 else { throw .invalid("host name \(quoted) is longer than 253 characters") }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        for (index, label) in labels.enumerated() {
            if label == "*" {
                guard index == 0, labels.count >= 3 else {
                    throw .invalid("host name \(quoted): `*` may only be the first label of a name with two more (*.example.com)")
                }
                continue
            }
            guard !label.isEmpty else { throw .invalid("host name \(quoted) has an empty label") }
            guard label.utf8.count <= 63 else { throw .invalid("host name \(quoted) has a label longer than 63 characters") }
            guard label.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
                throw .invalid("host name \(quoted) may only hold letters, digits, `-` and `.`")
            }
            guard !label.hasPrefix("-"), !label.hasSuffix("-") else {
                throw .invalid("host name \(quoted) has a label that starts or ends with `-`")
            }
        }
        return text
    }

    /// Whether certificate name `pattern` (maybe `*.x.y`) covers `host` (one label for the `*`).
    public static func covers(_ pattern: String, _ host: String) -> Bool {
        let pattern = normalise(pattern)
        let host = normalise(host)
        if pattern == host { return true }
        guard pattern.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
        return host[dot...] == pattern.dropFirst()
    }

    /// A certificate's DNS names (its subject alternative names; TLS clients ignore the common name).
    static func names(of certificate: Certificate) -> [String] {
        var names: [String] = []
        if let alternatives = try? certificate.extensions.subjectAlternativeNames {
            for name in alternatives {
                if case .dnsName(let dns) = name { names.append(normalise(dns)) }
            }
        }
        return names
    }
}
