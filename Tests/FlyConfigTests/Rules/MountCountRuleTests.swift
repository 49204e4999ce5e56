import Testing
@testable import FlyConfig

@Suite struct MountCountRuleTests {
    private let config = makeConfig {
        $0.processes = ["app": "", "vpn": "", "foo": ""]
        $0.mounts = [
            makeMount(processes: ["vpn"]), makeMount(processes: ["foo"]), makeMount("foo", processes: ["app"]),
            makeMount(processes: ["app"]),
        ]
    }

    @Test func rejectsSecondMountForAGroupInWholeValidation() {
        let d = MountCountRule().run(config)
        #expect(d.codes == ["HG304"])
        #expect(d.first?.severity == .error)
        #expect(d.first?.message == "group 'app' has more than one [[mounts]] section defined")
        #expect(d.first?.path == "mounts[3]")
    }

    @Test func perGroupPathsPointAtTheFileEntries() {
        let d = MountCountRule().run(config, group: "app")
        #expect(d.paths == ["mounts[3]"])
        #expect(MountCountRule().run(config, group: "vpn").isEmpty)
    }

    @Test func processesLessMountBelongsToTheDefaultGroup() {
        let c = makeConfig {
            $0.processes = ["web": "", "worker": ""]
            $0.mounts = [makeMount(), makeMount(processes: ["web", "worker"])]
        }
        let d = MountCountRule().run(c)
        #expect(d.map(\.message) == ["group 'web' has more than one [[mounts]] section defined"])
        #expect(d.paths == ["mounts[1]"])
    }
}
