import Testing
@testable import HangarRuntime

@Suite struct CgroupLayoutTests {
    @Test func hybridHierarchy() {
        let mountinfo = """
            30 22 0:26 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755
            31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid shared:10 - cgroup2 cgroup2 rw
            35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid shared:15 - cgroup cgroup rw,memory
            36 30 0:32 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:16 - cgroup cgroup rw,cpu,cpuacct
            37 30 0:33 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd
            """
        let cgroup = """
            9:name=systemd:/
            4:memory:/process_api/abc
            1:cpu,cpuacct:/
            0::/
            """
        let layout = CgroupLayout.parse(mountinfo: mountinfo, cgroup: cgroup)
        #expect(layout.v2Directory == "/sys/fs/cgroup/unified")
        #expect(layout.v1Directories["memory"] == "/sys/fs/cgroup/memory/process_api/abc")
        #expect(layout.v1Directories["cpu"] == "/sys/fs/cgroup/cpu,cpuacct")
        #expect(layout.v1Directories["cpuacct"] == "/sys/fs/cgroup/cpu,cpuacct")
        #expect(layout.v1Directories["name=systemd"] == nil)
    }

    @Test func pureV2WithANamespacedRoot() {
        let mountinfo = "29 23 0:26 /system.slice /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate"
        let layout = CgroupLayout.parse(mountinfo: mountinfo, cgroup: "0::/system.slice/hangar.service\n")
        #expect(layout.v2Directory == "/sys/fs/cgroup/hangar.service")
        #expect(layout.v1Directories.isEmpty)
    }

    @Test func escapedMountPoints() {
        #expect(CgroupLayout.unescape("/a\\040b") == "/a b")
        #expect(CgroupLayout.unescape("/plain") == "/plain")
        #expect(CgroupLayout.unescape("/end\\04") == "/end\\04")
    }

    @Test func thisHostIsDetected() {
        // Whatever the host offers, the description names a way to control the tree.
        #expect(ResourceLimiter.host.description.contains("tree:"))
    }
}
