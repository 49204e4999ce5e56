/// Names the targets accept, made from app and group names.
enum ExportNames {
    /// A DNS label (RFC 1035: lower-case letters, digits and `-`, starting with a letter, at most 63
    /// characters) made from `parts` joined by `-`. Valid for every Kubernetes object name, Nomad
    /// service names and compose service names.
    static func label(_ parts: String...) -> String { label(parts) }

    static func label(_ parts: [String]) -> String {
        var out: [Character] = []
        for c in parts.joined(separator: "-").lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) {
                out.append(c)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        while out.first == "-" { out.removeFirst() }
        if let first = out.first, !first.isLetter { out.insert(contentsOf: "app-", at: 0) }
        if out.isEmpty { out = Array("app") }
        if out.count > 63 { out = Array(out.prefix(63)) }
        while out.last == "-" { out.removeLast() }
        return String(out)
    }

    /// A Kubernetes container port name (IANA service name: at most 15 characters).
    static func portName(_ proto: String, _ port: Int) -> String {
        String("\(proto.lowercased())-\(port)".prefix(15))
    }
}
