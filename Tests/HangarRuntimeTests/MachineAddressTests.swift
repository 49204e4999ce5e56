import Testing
@testable import HangarRuntime

@Suite struct MachineAddressTests {
    @Test func firstAddresses() throws {
        let first = try #require(MachineAddress(index: 0))
        #expect(first.hostIPv4 == "169.254.1.2")
        #expect(first.ipv4 == "169.254.1.3")
        #expect(first.hostIPv6 == "fdaa::a9fe:102")
        #expect(first.ipv6 == "fdaa::a9fe:103")
        #expect(first.hostInterface == "hgv0")
        let next = try #require(MachineAddress(index: 1))
        #expect(next.ipv4 == "169.254.1.5")
        let secondBlock = try #require(MachineAddress(index: 126))
        #expect(secondBlock.hostIPv4 == "169.254.2.2")
    }

    @Test func outOfRangeHasNoAddress() {
        #expect(MachineAddress(index: -1) == nil)
        #expect(MachineAddress(index: MachineAddress.capacity) == nil)
        #expect(MachineAddress(index: MachineAddress.capacity - 1) != nil)
    }

    @Test func everyAddressIsUsableAndUnique() {
        var seen = Set<String>()
        for index in 0..<MachineAddress.capacity {
            guard let address = MachineAddress(index: index) else {
                Issue.record("no address for \(index)")
                return
            }
            for ip in [address.ipv4, address.hostIPv4] {
                let octets = ip.split(separator: ".").compactMap { Int($0) }
                #expect(octets.count == 4 && octets[0] == 169 && octets[1] == 254)
                #expect(![0, 169, 170, 255].contains(octets[2]), "\(ip) is in a reserved block")
                #expect(octets[3] != 0 && octets[3] != 255, "\(ip) ends in .0 or .255")
                #expect(seen.insert(ip).inserted, "\(ip) allocated twice")
            }
            #expect(address.ipv4 != "169.254.169.254")
            #expect(address.ipv6.hasPrefix("fdaa::a9fe:"))
            #expect(address.hostInterface.utf8.count <= 15)
        }
        #expect(MachineAddress.capacity == 252 * 126)
    }
}
