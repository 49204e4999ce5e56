import FlyConfig
import NIOCore

// Public API (for the connection pipelines):
//
//     let version = try ProxyProtocolVersion(options: port.proxyProtoOptions)   // v1 unless "v2"
//     let header = ProxyProtocolHeader(source: inbound.remoteAddress, destination: inbound.localAddress)
//     upstream.write(header.buffer(version, allocator: upstream.allocator))        // before any payload
//
// `source` is the client as the edge saw it and `destination` the address the client connected to
// (the listener's local address), as HAProxy's `send-proxy` does. Unix sockets or a missing address
// give the UNKNOWN (v1) / UNSPEC (v2) form; `ProxyProtocolHeader.local` is the v2 LOCAL command
// (health probes from the proxy itself). `ProxyProtocolDecoder` parses both versions (tests, and any
// listener that wants to accept the header).

/// Which PROXY protocol header a `proxy_proto` port sends: text v1 (Fly's default) or binary v2.
public enum ProxyProtocolVersion: String, Sendable, Hashable, CaseIterable {
    case v1
    case v2

    /// The version `proxy_proto_options.version` asks for: nil or `"v1"` is v1, `"v2"` is v2.
    public init(options: ProxyProtoOptions?) throws(ProxyProtocolError) {
        guard let text = options?.version else {
            self = .v1
            return
        }
        guard let version = ProxyProtocolVersion(rawValue: text.lowercased()) else {
            throw .invalidVersion(text)
        }
        self = version
    }
}

/// A PROXY protocol header: who connected to the edge, and to which address.
public struct ProxyProtocolHeader: Sendable, Hashable {
    /// v2's command: `proxy` relays a connection; `local` is a connection the proxy made itself.
    public enum Command: Sendable, Hashable {
        case proxy
        case local
    }

    /// The two endpoints, or `unknown` when they are not TCP over IPv4/IPv6.
    public enum Addresses: Sendable, Hashable {
        /// Four address bytes each, in network order.
        case tcp4(source: [UInt8], destination: [UInt8], sourcePort: UInt16, destinationPort: UInt16)
        /// Sixteen address bytes each, in network order.
        case tcp6(source: [UInt8], destination: [UInt8], sourcePort: UInt16, destinationPort: UInt16)
        case unknown
    }

    public var command: Command
    public var addresses: Addresses

    public init(command: Command = .proxy, addresses: Addresses) {
        self.command = command
        self.addresses = addresses
    }

    /// The v2 LOCAL header (no addresses); in v1 it is written as `PROXY UNKNOWN`.
    public static let local = ProxyProtocolHeader(command: .local, addresses: .unknown)

    /// From the client's address and the address it connected to. Two IPv4 addresses give TCP4, two
    /// IPv6 addresses TCP6; one of each gives TCP6 with the IPv4 one mapped (`::ffff:a.b.c.d`);
    /// anything else (a unix socket, a missing address) gives UNKNOWN.
    public init(source: SocketAddress?, destination: SocketAddress?) {
        self.command = .proxy
        guard let source, let destination, let from = IPEndpoint(source), let to = IPEndpoint(destination) else {
            self.addresses = .unknown
            return
        }
        if from.bytes.count == 4, to.bytes.count == 4 {
            addresses = .tcp4(source: from.bytes, destination: to.bytes, sourcePort: from.port, destinationPort: to.port)
        } else {
            addresses = .tcp6(
                source: from.mappedToIPv6, destination: to.mappedToIPv6, sourcePort: from.port, destinationPort: to.port)
        }
    }

    /// The header's bytes in `version`.
    public func encode(_ version: ProxyProtocolVersion) -> [UInt8] {
        switch version {
        case .v1: return encodeV1()
        case .v2: return encodeV2()
        }
    }

    /// The header in a buffer, ready to be written before the first byte of the connection.
    public func buffer(_ version: ProxyProtocolVersion, allocator: ByteBufferAllocator) -> ByteBuffer {
        let bytes = encode(version)
        var buffer = allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return buffer
    }

    // MARK: v1

    /// `PROXY TCP4 <src> <dst> <sport> <dport>\r\n`, `PROXY TCP6 ...`, or `PROXY UNKNOWN\r\n`.
    func encodeV1() -> [UInt8] {
        let line: String
        switch (command, addresses) {
        case (.local, _), (_, .unknown):
            line = "PROXY UNKNOWN\r\n"
        case (.proxy, .tcp4(let source, let destination, let sourcePort, let destinationPort)):
            line = "PROXY TCP4 \(IPText.v4(source)) \(IPText.v4(destination)) \(sourcePort) \(destinationPort)\r\n"
        case (.proxy, .tcp6(let source, let destination, let sourcePort, let destinationPort)):
            line = "PROXY TCP6 \(IPText.v6(source)) \(IPText.v6(destination)) \(sourcePort) \(destinationPort)\r\n"
        }
        return Array(line.utf8)
    }

    // MARK: v2

    /// The 12-byte signature that starts every v2 header.
    public static let v2Signature: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A]

    /// Signature, version and command (`0x21` PROXY, `0x20` LOCAL), family and transport (`0x11`
    /// TCP over IPv4, `0x21` TCP over IPv6, `0x00` UNSPEC), the address block's length (big endian),
    /// then source address, destination address, source port, destination port.
    func encodeV2() -> [UInt8] {
        var out = Self.v2Signature
        out.append(command == .local ? 0x20 : 0x21)
        var block: [UInt8] = []
        let family: UInt8
        switch (command, addresses) {
        case (.local, _), (_, .unknown):
            family = 0x00
        case (.proxy, .tcp4(let source, let destination, let sourcePort, let destinationPort)):
            family = 0x11
            block = source + destination + Self.bigEndian(sourcePort) + Self.bigEndian(destinationPort)
        case (.proxy, .tcp6(let source, let destination, let sourcePort, let destinationPort)):
            family = 0x21
            block = source + destination + Self.bigEndian(sourcePort) + Self.bigEndian(destinationPort)
        }
        out.append(family)
        out += Self.bigEndian(UInt16(block.count))
        out += block
        return out
    }

    static func bigEndian(_ value: UInt16) -> [UInt8] {
        [UInt8(value >> 8), UInt8(value & 0xFF)]
    }
}

/// What can go wrong reading `proxy_proto_options` or a header.
public enum ProxyProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidVersion(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .invalidVersion(let text):
            return "invalid proxy_proto_options.version \"\(text)\": expected \"v1\" or \"v2\""
        case .malformed(let reason):
            return "malformed PROXY protocol header: \(reason)"
        }
    }
}

/// An IP address (4 or 16 bytes) and port taken from a NIO socket address.
struct IPEndpoint {
    var bytes: [UInt8]
    var port: UInt16

    init?(_ address: SocketAddress) {
        switch address {
        case .v4(let v4):
            var raw = v4.address.sin_addr
            bytes = withUnsafeBytes(of: &raw) { Array($0) }
            port = UInt16(bigEndian: v4.address.sin_port)
        case .v6(let v6):
            var raw = v6.address.sin6_addr
            bytes = withUnsafeBytes(of: &raw) { Array($0) }
            port = UInt16(bigEndian: v6.address.sin6_port)
        case .unixDomainSocket:
            return nil
        }
    }

    /// IPv6 bytes: the address itself, or an IPv4 address mapped as `::ffff:a.b.c.d`.
    var mappedToIPv6: [UInt8] {
        bytes.count == 16 ? bytes : [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF] + bytes
    }
}

/// Text forms of raw addresses: dotted quads, and RFC 5952 IPv6 (lowercase, longest zero run as `::`).
enum IPText {
    static func v4(_ bytes: [UInt8]) -> String {
        bytes.map(String.init).joined(separator: ".")
    }

    static func v6(_ bytes: [UInt8]) -> String {
        guard bytes.count == 16 else { return "::" }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        // The longest run of two or more zero groups (the first one on a tie) becomes "::".
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index > bestLength, end - index >= 2 {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        // IPv4-mapped addresses keep their dotted tail, as inet_ntop writes them.
        if bestStart == 0, bestLength == 5, groups[5] == 0xFFFF {
            return "::ffff:" + v4(Array(bytes[12..<16]))
        }
        let text = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return text.joined(separator: ":") }
        let head = text[0..<bestStart].joined(separator: ":")
        let tail = text[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
