import Foundation
import Glibc
import Synchronization
@testable import HangarRuntime

/// What this host lets the tests do, and helpers to build Machines.
enum TestHost {
    /// Why isolated Machines cannot run here, or nil when they can.
    static let isolationUnavailable: String? = {
        if geteuid() != 0 { return "isolated mode needs root" }
        if HostCommand.find("ip") == nil { return "iproute2 (ip) is not installed" }
        if HostCommand.find("nsenter") == nil { return "nsenter (util-linux) is not installed" }
        do {
            let child = try Spawner.spawn(SpawnRequest(
                path: "/bin/true", argv: ["true"], env: [], fds: [], namespaces: MachineProcess.allNamespaces))
            _ = child.waitForExit()
        } catch {
            return "cannot create namespaces: \(error)"
        }
        return nil
    }()

    static var canIsolate: Bool { isolationUnavailable == nil }

    /// The modes Machines can run in here (isolated only when available; `MachineNetworkTests`
    /// says why not).
    static var modes: [String] { canIsolate ? ["shared", "isolated"] : ["shared"] }

    static func mode(_ name: String) throws -> IsolationMode {
        name == "isolated" ? try isolated() : try shared()
    }

    static var hasMemoryCgroup: Bool {
        ResourceLimiter.host.v1Parents["memory"] != nil || ResourceLimiter.host.v2Controllers.contains("memory")
    }

    /// True when a cgroup lists the Machine's processes (and freezes them).
    static var hasTreeCgroup: Bool {
        ResourceLimiter.host.v2Parent != nil || !ResourceLimiter.host.v1Parents.isEmpty
    }

    /// The real python3 binary (not a version-manager shim), or nil.
    static let python: String? = {
        guard HostCommand.find("python3") != nil,
              let result = try? HostCommand.run(["python3", "-c", "import sys; print(sys.executable)"]),
              result.succeeded, !result.output.isEmpty
        else { return nil }
        return result.output
    }()

    /// The built `hangar` executable beside the test bundle, or nil.
    static let hangarBinary: String? = {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("hangar").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    static var pythonUnavailable: String? { python == nil ? "python3 is not installed" : nil }

    private static let counter = Mutex(0)

    /// A Machine address no other test of this run uses (and, through the pid, unlikely to be used
    /// by another test run on the same host).
    static func address() throws -> MachineAddress {
        let base = 20_000 + Int(getpid() % 400) * 25
        for _ in 0..<25 {
            let n = counter.withLock { value -> Int in
                value += 1
                return value
            }
            // Skip an index another run on this host is using.
            if let address = MachineAddress(index: base + n % 25), !MachineNetwork.isPresent(address) { return address }
        }
        throw TestHostError.noAddress
    }

    /// A Fly-style machine id.
    static func machineID() -> String {
        String((0..<14).map { _ in "0123456789abcdef".randomElement() ?? "0" })
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "hangar-test-" + UUID().uuidString.prefix(8).lowercased()
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Removes a temporary directory and everything in it.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A spec with logs in `directory` (`out.log`, `err.log`).
    static func spec(_ argv: [String], mode: IsolationMode, directory: String, env: [String: String] = [:],
                     resources: ResourceLimits = ResourceLimits(), volume: VolumeMount? = nil,
                     hosts: [HostsEntry] = []) -> LaunchSpec {
        let id = machineID()
        var environment = ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "FLY_MACHINE_ID": id]
        environment.merge(env) { $1 }
        return LaunchSpec(
            id: id, argv: argv, env: environment, workingDirectory: directory, mode: mode, resources: resources,
            volume: volume, hosts: hosts, runDirectory: directory + "/run-" + id,
            stdout: .file(path: directory + "/out.log"), stderr: .file(path: directory + "/err.log"))
    }

    static func isolated() throws -> IsolationMode { .isolated(try address()) }

    static func shared() throws -> IsolationMode { .shared(port: try PortAllocator.freePort()) }

    /// Starts a Machine, runs `body`, and SIGKILLs the Machine afterwards even when `body` fails,
    /// so no test leaves a process, interface or cgroup behind.
    static func withMachine<T>(_ spec: LaunchSpec, _ body: (MachineProcess) async throws -> T) async throws -> T {
        let machine = try MachineProcess.start(spec: spec)
        do {
            let result = try await body(machine)
            await machine.kill()
            return result
        } catch {
            await machine.kill()
            throw error
        }
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` passes.
    static func eventually(timeout: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Writes a helper script (python) into `directory` and returns its path.
    static func script(_ name: String, _ text: String, in directory: String) -> String {
        let path = directory + "/" + name
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

enum TestHostError: Error {
    case noAddress
}
