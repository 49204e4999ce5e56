import Foundation
import Glibc
import Testing
@testable import HangarRuntime

/// Isolated Machines: own network namespace and address, own mount namespace, own PID 1.
@Suite(.enabled(if: TestHost.canIsolate, Comment(rawValue: TestHost.isolationUnavailable ?? "")),
       .enabled(if: TestHost.python != nil, "python3 is not installed"))
struct MachineNetworkTests {
    @Test func theHostReachesTheMachineAtItsAddress() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let server = TestHost.script("server.py", Scripts.server, in: directory)
        let address = try TestHost.address()
        let spec = TestHost.spec([try #require(TestHost.python), server], mode: .isolated(address), directory: directory,
                                 env: ["BIND": "::"])
        let paths = try await TestHost.withMachine(spec) { machine in
            #expect(MachineNetwork.isPresent(address))
            let answered = await TestHost.eventually { PlainHTTPGet.get(address.ipv4, 8080) == spec.id }
            #expect(answered, "no answer from \(address.ipv4):8080; log: \(TestHost.read(directory + "/err.log"))")
            #expect(PlainHTTPGet.get(address.ipv6, 8080) == spec.id)
            // Nothing listens on the host's own 8080 because of the Machine.
            #expect(PlainHTTPGet.get("127.0.0.1", 8080) != spec.id)
            #expect(await machine.stop(signal: SIGTERM, timeout: .seconds(5)) == .signaled(signal: SIGTERM))
            return machine.group.paths
        }
        #expect(!MachineNetwork.isPresent(address), "the veth pair must be gone")
        for path in paths { #expect(!FileManager.default.fileExists(atPath: path), "\(path) must be removed") }
    }

    @Test func twoMachinesBindTheSamePortAndReachEachOther() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let server = TestHost.script("server.py", Scripts.server, in: directory)
        let python = try #require(TestHost.python)
        let first = try TestHost.address(), second = try TestHost.address()
        let specA = TestHost.spec([python, server], mode: .isolated(first), directory: directory)
        let specB = TestHost.spec([python, server], mode: .isolated(second), directory: directory, env: ["PEER": first.ipv4])
        try await TestHost.withMachine(specA) { a in
            try await TestHost.withMachine(specB) { b in
                #expect(await TestHost.eventually { PlainHTTPGet.get(first.ipv4, 8080) == a.id })
                #expect(await TestHost.eventually { PlainHTTPGet.get(second.ipv4, 8080) == b.id })
                #expect(a.id != b.id)
                // Machine b fetches from Machine a through the host.
                #expect(PlainHTTPGet.get(second.ipv4, 8080, "/peer") == a.id)
            }
        }
        #expect(!MachineNetwork.isPresent(first) && !MachineNetwork.isPresent(second))
    }

    @Test func theVolumeIsMountedAtItsDestinationOnlyInside() async throws {
        let directory = TestHost.temporaryDirectory()
        defer { TestHost.remove(directory) }
        let volume = TestHost.temporaryDirectory()
        defer { TestHost.remove(volume) }
        _ = FileManager.default.createFile(atPath: volume + "/marker", contents: Data("kept".utf8))
        let destination = "/data"
        let existed = FileManager.default.fileExists(atPath: destination)
        defer { if !existed { rmdir(destination) } }

        let script = """
            ls /data; echo written > /data/from-machine; cat /proc/sys/kernel/hostname; cat /etc/hosts; \
            tr '\\0' ' ' < /proc/1/cmdline; echo; echo "pid $$"
            """
        let spec = TestHost.spec(["sh", "-c", script], mode: try TestHost.isolated(), directory: directory,
                                 volume: VolumeMount(source: volume, destination: destination),
                                 hosts: [HostsEntry(address: "fdaa::a9fe:999", names: ["app.internal"])])
        try await TestHost.withMachine(spec) { machine in
            #expect(await machine.wait() == .exited(code: 0))
        }
        let log = TestHost.read(directory + "/out.log")
        #expect(log.contains("marker"), "the volume is visible at /data inside: \(log)")
        #expect(log.contains(spec.id), "the hostname is the machine id")
        #expect(log.contains("app.internal"), "/etc/hosts is the Machine's")
        #expect(log.contains("_machine-init"), "PID 1 is the init")
        #expect(!log.contains("pid 1\n"))
        #expect(TestHost.read(volume + "/from-machine") == "written\n", "writes land in the volume")
        #expect(!FileManager.default.fileExists(atPath: destination + "/marker"), "the host does not see the volume at /data")
        #expect(!TestHost.read("/etc/hosts").contains("fdaa::a9fe:999"), "the host's /etc/hosts is untouched")
    }
}
