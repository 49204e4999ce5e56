import FlyConfig
import HangarProxy
import NIOCore
import Testing

@Suite struct ProxyProtocolHeaderTests {
    static func address(_ ip: String, _ port: Int) throws -> SocketAddress {
        try SocketAddress(ipAddress: ip, port: port)
    }

    static let signature: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A]

    @Test func versionComesFromTheOptionsWithV1AsDefault() throws {
        #expect(try ProxyProtocolVersion(options: nil) == .v1)
        #expect(try ProxyProtocolVersion(options: ProxyProtoOptions()) == .v1)
        #expect(try ProxyProtocolVersion(options: ProxyProtoOptions(version: "v2")) == .v2)
        #expect(throws: ProxyProtocolError.invalidVersion("v3")) {
            try ProxyProtocolVersion(options: ProxyProtoOptions(version: "v3"))
        }
    }

    @Test func v1TCP4IsTheSpecificationsExampleLine() throws {
        let header = ProxyProtocolHeader(
            source: try Self.address("192.168.0.1", 56324), destination: try Self.address("192.168.0.11", 443))
        #expect(String(decoding: header.encode(.v1), as: UTF8.self) == "PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n")
    }

    @Test func v1LongestLinesFitThe107ByteLimit() throws {
        let v4 = ProxyProtocolHeader(
            source: try Self.address("255.255.255.255", 65535), destination: try Self.address("255.255.255.255", 65535))
        #expect(String(decoding: v4.encode(.v1), as: UTF8.self) == "PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\n")
        let full = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
        let v6 = ProxyProtocolHeader(source: try Self.address(full, 65535), destination: try Self.address(full, 65535))
        let line = v6.encode(.v1)
        #expect(String(decoding: line, as: UTF8.self) == "PROXY TCP6 \(full) \(full) 65535 65535\r\n")
        #expect(line.count == 104)
    }

    @Test func v1TCP6UsesTheCompressedForm() throws {
        let header = ProxyProtocolHeader(
            source: try Self.address("2001:db8::1", 40000), destination: try Self.address("fdaa::2:0:0:3", 8080))
        #expect(String(decoding: header.encode(.v1), as: UTF8.self) == "PROXY TCP6 2001:db8::1 fdaa::2:0:0:3 40000 8080\r\n")
    }

    @Test func unknownAndLocalForms() throws {
        let unix = ProxyProtocolHeader(source: try SocketAddress(unixDomainSocketPath: "/tmp/x.sock"), destination: nil)
        #expect(unix.addresses == .unknown)
        #expect(String(decoding: unix.encode(.v1), as: UTF8.self) == "PROXY UNKNOWN\r\n")
        #expect(String(decoding: ProxyProtocolHeader.local.encode(.v1), as: UTF8.self) == "PROXY UNKNOWN\r\n")
        // v2: PROXY command with UNSPEC family, and the LOCAL command; both with an empty address block.
        #expect(unix.encode(.v2) == Self.signature + [0x21, 0x00, 0x00, 0x00])
        #expect(ProxyProtocolHeader.local.encode(.v2) == Self.signature + [0x20, 0x00, 0x00, 0x00])
    }

    @Test func v2TCP4HasTheTwelveByteAddressBlock() throws {
        let header = ProxyProtocolHeader(
            source: try Self.address("192.168.0.1", 56324), destination: try Self.address("192.168.0.11", 443))
        let expected: [UInt8] =
            Self.signature + [0x21, 0x11, 0x00, 0x0C]
            + [0xC0, 0xA8, 0x00, 0x01, 0xC0, 0xA8, 0x00, 0x0B, 0xDC, 0x04, 0x01, 0xBB]
        #expect(header.encode(.v2) == expected)
    }

    @Test func v2TCP6HasTheThirtySixByteAddressBlock() throws {
        let header = ProxyProtocolHeader(
            source: try Self.address("2001:db8::1", 56324), destination: try Self.address("::1", 443))
        var expected: [UInt8] = Self.signature + [0x21, 0x21, 0x00, 0x24]
        expected += [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [0x01]
        expected += [UInt8](repeating: 0, count: 15) + [0x01]
        expected += [0xDC, 0x04, 0x01, 0xBB]
        #expect(header.encode(.v2) == expected)
    }

    @Test func mixedFamiliesMapIPv4IntoIPv6() throws {
        let header = ProxyProtocolHeader(
            source: try Self.address("10.1.2.3", 1234), destination: try Self.address("::1", 443))
        #expect(String(decoding: header.encode(.v1), as: UTF8.self) == "PROXY TCP6 ::ffff:10.1.2.3 ::1 1234 443\r\n")
    }

    @Test func bufferHoldsTheSameBytes() throws {
        let header = ProxyProtocolHeader(
            source: try Self.address("127.0.0.1", 5000), destination: try Self.address("127.0.0.1", 80))
        var buffer = header.buffer(.v2, allocator: ByteBufferAllocator())
        #expect(buffer.readBytes(length: buffer.readableBytes) == header.encode(.v2))
    }
}
