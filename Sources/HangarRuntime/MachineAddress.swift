/// The addresses of one isolated Machine, derived from an index the supervisor allocates.
///
/// Each Machine gets a point-to-point link of its own: a /31 from IPv4 link-local `169.254.0.0/16`
/// and the matching /127 from the ULA `fdaa::/16`. The host end has the even address, the Machine
/// the odd one. The IPv6 address embeds the IPv4 one: `169.254.3.5` ↔ `fdaa::a9fe:305`.
///
/// Never used: `169.254.0.0/24` and `169.254.255.0/24` (reserved by RFC 3927), `169.254.169.0/24`
/// and `169.254.170.0/24` (cloud metadata, DNS, NTP and container credential services live there),
/// and any `.0` or `.255` address.
public struct MachineAddress: Sendable, Equatable, Hashable, Codable {
    public let index: Int
    /// The Machine's address (what the app binds and the proxy connects to).
    public let ipv4: String
    /// The host end of the link.
    public let hostIPv4: String
    public let ipv6: String
    public let hostIPv6: String

    /// Third octets in use, in allocation order.
    static let thirdOctets: [Int] = (1...254).filter { $0 != 169 && $0 != 170 }
    /// Pairs per /24: (2,3) ... (252,253); (0,1) and (254,255) would touch .0 and .255.
    static let pairsPerOctet = 126

    /// How many Machines can have an address on one host.
    public static let capacity = thirdOctets.count * pairsPerOctet

    public static let ipv4PrefixLength = 31
    public static let ipv6PrefixLength = 127
    /// The whole range a Machine routes through its host end (other Machines).
    public static let ipv4Range = "169.254.0.0/16"
    public static let ipv6Range = "fdaa::/16"
    /// Blocks a Machine never routes to, even through the host.
    public static let ipv4Unreachable = ["169.254.169.0/24", "169.254.170.0/24"]

    /// The address for an index in `0..<capacity`, or nil.
    public init?(index: Int) {
        guard index >= 0, index < MachineAddress.capacity else { return nil }
        let third = MachineAddress.thirdOctets[index / MachineAddress.pairsPerOctet]
        let hostFourth = 2 * (index % MachineAddress.pairsPerOctet + 1)
        self.index = index
        hostIPv4 = "169.254.\(third).\(hostFourth)"
        ipv4 = "169.254.\(third).\(hostFourth + 1)"
        hostIPv6 = "fdaa::a9fe:" + String(third << 8 | hostFourth, radix: 16)
        ipv6 = "fdaa::a9fe:" + String(third << 8 | (hostFourth + 1), radix: 16)
    }

    /// The host end's interface (the Machine's end is `eth0` inside its namespace).
    public var hostInterface: String { "hgv\(index)" }
}
