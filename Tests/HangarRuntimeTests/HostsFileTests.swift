import Foundation
import Testing
@testable import HangarRuntime

@Suite struct HostsFileTests {
    @Test func rendersLocalhostOwnNameAndEntries() throws {
        let address = try #require(MachineAddress(index: 0))
        let text = HostsFile.render(machineID: "abc", address: address, entries: [
            HostsEntry(address: "fdaa::a9fe:105", names: ["web.process.app.internal", "app.internal"]),
            HostsEntry(address: "fdaa::1", names: []),
        ])
        #expect(text == """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            169.254.1.3\tabc
            fdaa::a9fe:103\tabc
            fdaa::a9fe:105\tweb.process.app.internal app.internal

            """)
    }

    @Test func writesInPlaceKeepingTheInode() throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let path = directory + "/hosts"
        try HostsFile.write("one\n", to: path)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try HostsFile.write("two\n", to: path)
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        #expect(before == after)
        #expect(TestHost.read(path) == "two\n")
    }
}
