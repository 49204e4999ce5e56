import Glibc

/// The address a probe connects to: an IPv4 or IPv6 literal, as a machine's private address is
/// given. IPv6 may be written in brackets (`[fdaa::2]`) and may carry a zone (`fe80::1%eth0`).
/// Host names are not resolved: checks reach a machine by its address, never through DNS.
struct ProbeAddress: Sendable {
    enum Family: Sendable {
        case v4(in_addr)
        case v6(in6_addr, scope: UInt32)
    }

    let family: Family
    /// The literal without brackets, as given.
    let literal: String

    init?(_ text: String) {
        var literal = text
        if literal.hasPrefix("["), literal.hasSuffix("]") {
            literal = String(literal.dropFirst().dropLast())
        }
        guard !literal.isEmpty, !literal.contains("\0") else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            self.family = .v4(v4)
            self.literal = literal
            return
        }
        var host = literal
        var scope: UInt32 = 0
        if let percent = literal.firstIndex(of: "%") {
            host = String(literal[..<percent])
            let zone = String(literal[literal.index(after: percent)...])
            guard let index = Self.zoneIndex(zone) else { return nil }
            scope = index
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return nil }
        self.family = .v6(v6, scope: scope)
        self.literal = literal
    }

    private static func zoneIndex(_ zone: String) -> UInt32? {
        if zone.isEmpty { return nil }
        if let number = UInt32(zone) { return number }
        let index = if_nametoindex(zone)
        return index == 0 ? nil : index
    }

    var isIPv6: Bool {
        if case .v6 = family { return true }
        return false
    }

    /// `10.0.0.2:8080` or `[fdaa::2]:8080`, as used in outputs and in the `Host` header.
    func hostPort(_ port: Int) -> String {
        isIPv6 ? "[\(literal)]:\(port)" : "\(literal):\(port)"
    }

    /// Calls `body` with a socket address for this address and `port`.
    func withSocketAddress<R>(port: UInt16, _ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch family {
        case .v4(let address):
            var storage = sockaddr_in()
            storage.sin_family = sa_family_t(AF_INET)
            storage.sin_port = port.bigEndian
            storage.sin_addr = address
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .v6(let address, let scope):
            var storage = sockaddr_in6()
            storage.sin6_family = sa_family_t(AF_INET6)
            storage.sin6_port = port.bigEndian
            storage.sin6_addr = address
            storage.sin6_scope_id = scope
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }
}
