// Public API:
//
//     switch ProxyProtocolDecoder.decode(bytesReceivedSoFar) {
//     case .needMoreData: keep reading (at most `ProxyProtocolDecoder.maximumV1Length` / 16 + 65535 bytes)
//     case .header(let header, let version, let consumed): the payload starts at `consumed`
//     case .invalid(let error): close the connection
//     }
//
// Accepts v1 (`PROXY TCP4|TCP6|UNKNOWN ...\r\n`, at most 107 bytes) and v2 (binary, TLVs after the
// addresses are skipped). Used by the tests to check what upstreams receive, and by any listener that
// wants to accept PROXY headers.

/// Parses a PROXY protocol header (v1 or v2) at the start of a byte stream.
public enum ProxyProtocolDecoder {
    public enum Result: Sendable, Hashable {
        case needMoreData
        case header(ProxyProtocolHeader, version: ProxyProtocolVersion, consumed: Int)
        case invalid(ProxyProtocolError)
    }

    /// The longest v1 line the specification allows, CRLF included.
    public static let maximumV1Length = 107

    public static func decode(_ bytes: [UInt8]) -> Result {
        guard let first = bytes.first else { return .needMoreData }
        if first == ProxyProtocolHeader.v2Signature[0] { return decodeV2(bytes) }
        if first == UInt8(ascii: "P") { return decodeV1(bytes) }
        return .invalid(.malformed("does not start with \"PROXY \" or the v2 signature"))
    }

    // MARK: v1

    static func decodeV1(_ bytes: [UInt8]) -> Result {
        let prefix = Array("PROXY ".utf8)
        let known = min(bytes.count, prefix.count)
        guard Array(bytes[0..<known]) == Array(prefix[0..<known]) else {
            return .invalid(.malformed("does not start with \"PROXY \""))
        }
        guard let lineFeed = bytes.firstIndex(of: 0x0A) else {
            return bytes.count >= maximumV1Length ? .invalid(.malformed("v1 line longer than 107 bytes")) : .needMoreData
        }
        guard lineFeed + 1 <= maximumV1Length else { return .invalid(.malformed("v1 line longer than 107 bytes")) }
        guard lineFeed > 0, bytes[lineFeed - 1] == 0x0D else { return .invalid(.malformed("v1 line does not end in CRLF")) }
        let text = String(decoding: bytes[0..<(lineFeed - 1)], as: UTF8.self)
        let fields = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let consumed = lineFeed + 1
        guard fields.count >= 2 else { return .invalid(.malformed("v1 line has no protocol")) }
        switch fields[1] {
        case "UNKNOWN":
            return .header(ProxyProtocolHeader(addresses: .unknown), version: .v1, consumed: consumed)
        case "TCP4", "TCP6":
            guard fields.count == 6 else { return .invalid(.malformed("v1 \(fields[1]) line needs 4 fields after it")) }
            guard let sourcePort = port(fields[4]), let destinationPort = port(fields[5]) else {
                return .invalid(.malformed("v1 port is not a number from 0 to 65535"))
            }
            if fields[1] == "TCP4" {
                guard let source = IPParse.v4(fields[2]), let destination = IPParse.v4(fields[3]) else {
                    return .invalid(.malformed("v1 TCP4 address is not a dotted quad"))
                }
                return .header(
                    ProxyProtocolHeader(
                        addresses: .tcp4(
                            source: source, destination: destination, sourcePort: sourcePort,
                            destinationPort: destinationPort)),
                    version: .v1, consumed: consumed)
            }
            guard let source = IPParse.v6(fields[2]), let destination = IPParse.v6(fields[3]) else {
                return .invalid(.malformed("v1 TCP6 address is not an IPv6 address"))
            }
            return .header(
                ProxyProtocolHeader(
                    addresses: .tcp6(
                        source: source, destination: destination, sourcePort: sourcePort, destinationPort: destinationPort)),
                version: .v1, consumed: consumed)
        default:
            return .invalid(.malformed("unknown v1 protocol \"\(fields[1])\""))
        }
    }

    static func port(_ text: String) -> UInt16? {
        guard !text.isEmpty, text.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard text == "0" || !text.hasPrefix("0") else { return nil }
        return UInt16(text)
    }

    // MARK: v2

    static func decodeV2(_ bytes: [UInt8]) -> Result {
        let signature = ProxyProtocolHeader.v2Signature
        let known = min(bytes.count, signature.count)
        guard Array(bytes[0..<known]) == Array(signature[0..<known]) else {
            return .invalid(.malformed("bad v2 signature"))
        }
        guard bytes.count >= 16 else { return .needMoreData }
        let versionCommand = bytes[12]
        guard versionCommand >> 4 == 2 else { return .invalid(.malformed("v2 header with version \(versionCommand >> 4)")) }
        let command: ProxyProtocolHeader.Command
        switch versionCommand & 0x0F {
        case 0: command = .local
        case 1: command = .proxy
        default: return .invalid(.malformed("unknown v2 command \(versionCommand & 0x0F)"))
        }
        let family = bytes[13]
        let length = Int(bytes[14]) << 8 | Int(bytes[15])
        guard bytes.count >= 16 + length else { return .needMoreData }
        let block = Array(bytes[16..<(16 + length)])
        let consumed = 16 + length
        if command == .local {
            return .header(ProxyProtocolHeader(command: .local, addresses: .unknown), version: .v2, consumed: consumed)
        }
        switch family {
        case 0x11:
            guard block.count >= 12 else { return .invalid(.malformed("v2 TCP4 address block shorter than 12 bytes")) }
            return .header(
                ProxyProtocolHeader(
                    addresses: .tcp4(
                        source: Array(block[0..<4]), destination: Array(block[4..<8]),
                        sourcePort: UInt16(block[8]) << 8 | UInt16(block[9]),
                        destinationPort: UInt16(block[10]) << 8 | UInt16(block[11]))),
                version: .v2, consumed: consumed)
        case 0x21:
            guard block.count >= 36 else { return .invalid(.malformed("v2 TCP6 address block shorter than 36 bytes")) }
            return .header(
                ProxyProtocolHeader(
                    addresses: .tcp6(
                        source: Array(block[0..<16]), destination: Array(block[16..<32]),
                        sourcePort: UInt16(block[32]) << 8 | UInt16(block[33]),
                        destinationPort: UInt16(block[34]) << 8 | UInt16(block[35]))),
                version: .v2, consumed: consumed)
        default:
            // UNSPEC, UDP and unix families carry nothing a TCP edge can use.
            return .header(ProxyProtocolHeader(addresses: .unknown), version: .v2, consumed: consumed)
        }
    }
}

/// Text to raw address bytes, for the v1 decoder.
enum IPParse {
    static func v4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = UInt8(part)
            else { return nil }
            out.append(value)
        }
        return out
    }

    static func v6(_ text: String) -> [UInt8]? {
        var body = Substring(text)
        var tail: [UInt8] = []
        // A dotted IPv4 tail (`::ffff:1.2.3.4`) stands for the last two groups.
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            guard let v4 = v4(String(body[body.index(after: lastColon)...])) else { return nil }
            tail = v4
            body = body[...lastColon]
            if body.hasSuffix(":"), !body.hasSuffix("::") { body = body.dropLast() }
        }
        let wantedGroups = 8 - tail.count / 2
        let halves = body.pieces(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for piece in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                out.append(value)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let rest = groups(halves[1]), head.count + rest.count < wantedGroups else { return nil }
            all += [UInt16](repeating: 0, count: wantedGroups - head.count - rest.count) + rest
        }
        guard all.count == wantedGroups else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + tail
    }
}

extension Substring {
    fileprivate func pieces(separatedBy separator: String) -> [String] {
        var out: [String] = []
        var rest = self
        while let range = rest.firstRange(of: separator) {
            out.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}
