import Testing
@testable import FlyConfig

@Suite struct MountGroupRuleTests {
    @Test func warnsAboutMountForUndefinedGroup() {
        let config = makeConfig {
            $0.processes = ["web": "", "db": ""]
            $0.mounts = [makeMount(processes: ["db"]), makeMount("logs", processes: ["wrk"])]
        }
        let d = MountGroupRule().run(config)
        #expect(d.codes == ["HG407"])
        #expect(d.first?.severity == .warning)
        #expect(d.first?.path == "mounts[1].processes")
        #expect(d.first?.message.contains("'wrk'") == true)
    }

    @Test func acceptsDefinedGroupsAndNoList() {
        let config = makeConfig { $0.mounts = [makeMount(), makeMount("b", processes: ["app"])] }
        #expect(MountGroupRule().run(config).isEmpty)
    }
}
