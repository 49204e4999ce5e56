import HangarProxy
import NIOCore
import Testing

@Suite struct ProxyProtocolDecoderTests {
    static func header(_ source: String, _ sourcePort: Int, _ destination: String, _ destinationPort: Int) throws
        -> ProxyProtocolHeader
    {
        ProxyProtocolHeader(
            source: try SocketAddress(ipAddress: source, port: sourcePort),
            destination: try SocketAddress(ipAddress: destination, port: destinationPort))
    }

    @Test(arguments: ProxyProtocolVersion.allCases)
    func encodedHeadersDecodeToThemselves(_ version: ProxyProtocolVersion) throws {
        let headers = [
            try Self.header("192.168.0.1", 56324, "192.168.0.11", 443),
            try Self.header("2001:db8::1", 1, "fdaa::3", 65535),
            try Self.header("::ffff:1.2.3.4", 80, "::", 0),
            ProxyProtocolHeader(addresses: .unknown),
        ]
        for header in headers {
            let payload = Array("GET / HTTP/1.1\r\n".utf8)
            let bytes = header.encode(version)
            #expect(ProxyProtocolDecoder.decode(bytes + payload) == .header(header, version: version, consumed: bytes.count))
        }
        let local = ProxyProtocolHeader.local.encode(.v2)
        #expect(ProxyProtocolDecoder.decode(local) == .header(.local, version: .v2, consumed: 16))
    }

    @Test(arguments: ProxyProtocolVersion.allCases)
    func partialHeadersAskForMore(_ version: ProxyProtocolVersion) throws {
        let bytes = try Self.header("10.0.0.1", 1000, "10.0.0.2", 2000).encode(version)
        for length in 0..<bytes.count {
            #expect(ProxyProtocolDecoder.decode(Array(bytes[0..<length])) == .needMoreData)
        }
    }

    @Test func malformedInputIsRejected() {
        func invalid(_ text: String) -> Bool {
            if case .invalid = ProxyProtocolDecoder.decode(Array(text.utf8)) { return true }
            return false
        }
        #expect(invalid("GET / HTTP/1.1\r\n"))
        #expect(invalid("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n"))
        #expect(invalid("PROXY TCP4 1.2.3 5.6.7.8 1 2\r\n"))
        #expect(invalid("PROXY TCP4 1.2.3.4 5.6.7.8 1 65536\r\n"))
        #expect(invalid("PROXY TCP6 1.2.3.4 5.6.7.8 1 2\r\n"))
        #expect(invalid("PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n"))
        #expect(invalid("PROXY " + String(repeating: "x", count: 120)))
        // A v2 header with version 1 in its high nibble.
        let badVersion = ProxyProtocolHeader.v2Signature + [0x11, 0x11, 0x00, 0x00]
        if case .invalid = ProxyProtocolDecoder.decode(badVersion) {} else { Issue.record("version 1 accepted") }
    }

    @Test func v1UnknownIgnoresTrailingFields() {
        let line = Array("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n".utf8)
        #expect(
            ProxyProtocolDecoder.decode(line) == .header(ProxyProtocolHeader(addresses: .unknown), version: .v1, consumed: line.count))
    }

    @Test func v2SkipsTLVsAfterTheAddresses() {
        // TCP4 with a 3-byte NOOP TLV (type 0x04, length 1) after the 12 address bytes.
        let bytes =
            ProxyProtocolHeader.v2Signature + [0x21, 0x11, 0x00, 0x10]
            + [127, 0, 0, 1, 127, 0, 0, 2, 0x00, 0x50, 0x01, 0xBB] + [0x04, 0x00, 0x01, 0x00]
        let expected = ProxyProtocolHeader(
            addresses: .tcp4(source: [127, 0, 0, 1], destination: [127, 0, 0, 2], sourcePort: 80, destinationPort: 443))
        #expect(ProxyProtocolDecoder.decode(bytes) == .header(expected, version: .v2, consumed: 32))
    }
}
