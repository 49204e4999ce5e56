import Foundation
import Glibc
import HangarCore
import HangarStore
import Synchronization
@testable import HangarRuntime

/// A temporary `HANGAR_HOME` with a real store, a supervisor on it, and an app directory for
/// fly.toml files and their python programs. `run` always stops every machine and removes the
/// directories, even when the test fails.
final class SupervisorHarness: Sendable {
    let home: String
    let appDirectory: String
    let store: HangarStore
    let supervisor: Supervisor
    private let extra = Mutex<[Supervisor]>([])
    private let paths = Mutex<[String]>([])

    /// Address indexes for this test process (other processes on the host use others, and any
    /// collision is retried by the supervisor).
    static let addressIndexes: Range<Int> = {
        let base = 5_000 + Int(getpid() % 200) * 60
        return base..<(base + 60)
    }()

    static func options() -> SupervisorOptions {
        SupervisorOptions(
            checkStartupInterval: .milliseconds(200), addressIndexes: addressIndexes, pollInterval: .milliseconds(50))
    }

    private init() throws {
        home = TestHost.temporaryDirectory()
        appDirectory = home + "/app"
        try FileManager.default.createDirectory(atPath: appDirectory, withIntermediateDirectories: true)
        store = try HangarStore.open(at: StoreLocation(home: home + "/state"), environment: [:])
        supervisor = Supervisor(store: store, options: Self.options())
    }

    static func run(_ body: (SupervisorHarness) async throws -> Void) async throws {
        let harness = try SupervisorHarness()
        do {
            try await body(harness)
        } catch {
            await harness.cleanUp()
            throw error
        }
        await harness.cleanUp()
    }

    /// A second supervisor on the same store (a restarted daemon).
    func newSupervisor(options: SupervisorOptions = SupervisorHarness.options()) -> Supervisor {
        let supervisor = Supervisor(store: store, options: options)
        extra.withLock { $0.append(supervisor) }
        return supervisor
    }

    /// A directory outside the harness that must go too (a volume destination).
    func removeLater(_ path: String) {
        paths.withLock { $0.append(path) }
    }

    /// Writes the app's fly.toml (`PY` stands for the python3 binary) and its files; returns the
    /// fly.toml's path.
    @discardableResult
    func writeApp(_ toml: String, files: [String: String] = [:]) throws -> String {
        let python = TestHost.python ?? "python3"
        for (name, text) in files {
            try text.write(toFile: appDirectory + "/" + name, atomically: true, encoding: .utf8)
        }
        let path = appDirectory + "/fly.toml"
        try toml.replacingOccurrences(of: "PY ", with: python + " ").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func up(
        _ mode: RuntimeMode, timeout: Int = 60, on supervisor: Supervisor? = nil, restartUnhealthy: Bool? = nil
    ) async throws(ControlError) -> AppStatus {
        try await (supervisor ?? self.supervisor).up(
            UpRequest(
                configPath: appDirectory + "/fly.toml", mode: mode, waitTimeoutSeconds: timeout,
                restartUnhealthy: restartUnhealthy))
    }

    /// The machines of `app` in the store.
    func machines(_ app: String, group: String? = nil) throws -> [MachineRecord] {
        try store.machines(app: app, group: group)
    }

    /// Where the host reaches a machine's `internal_port` (its address, or `$PORT` in shared mode).
    func endpoint(_ status: MachineStatus, internalPort: Int = 8080) -> (String, Int) {
        if let port = status.port { return ("127.0.0.1", port) }
        return (status.address ?? "127.0.0.1", internalPort)
    }

    /// Polls until `condition` holds (the store and machines change asynchronously).
    func eventually(timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return (try? condition()) == true
    }

    /// `eventually` for conditions that await.
    func eventuallyAsync(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return (try? await condition()) == true
    }

    private func cleanUp() async {
        for supervisor in extra.withLock({ $0 }) { await supervisor.stopAll() }
        await supervisor.stopAll()
        for supervisor in extra.withLock({ $0 }) { await supervisor.detach() }
        await supervisor.detach()
        // Anything still alive (a test that failed half-way through a restart) is killed outright.
        for machine in (try? store.allMachines()) ?? [] {
            if let pid = machine.pid, let start = machine.pidStartTime, MachineProcess.isAlive(pid: pid, startTime: start) {
                kill(pid, SIGKILL)
            }
        }
        try? store.close()
        VolumeImage.unmountAll(under: home)
        TestHost.remove(home)
        for path in paths.withLock({ $0 }) { TestHost.remove(path) }
    }
}

extension RuntimeMode {
    init(testName: String) {
        self = testName == "isolated" ? .isolated : .shared
    }
}

/// The programs the test apps run.
enum AppScripts {
    /// An HTTP server on `$PORT` (default 8080): `/health` → ok, `/env` → the environment as JSON,
    /// `/boots` → the boot log on its volume, anything else → the machine id. On start it appends
    /// a line to `$HANGAR_VOLUME_PATH/boots` when it has a volume.
    static let server = """
        import http.server, json, os
        vol = os.environ.get("HANGAR_VOLUME_PATH")
        if vol:
            with open(os.path.join(vol, "boots"), "a") as f:
                f.write("boot %s\\n" % os.environ.get("FLY_MACHINE_ID", "?"))
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/health":
                    body = b"ok"
                elif self.path == "/env":
                    body = json.dumps(dict(os.environ)).encode()
                elif self.path == "/boots":
                    body = open(os.path.join(vol, "boots"), "rb").read() if vol else b""
                else:
                    body = os.environ.get("FLY_MACHINE_ID", "?").encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        port = int(os.environ.get("PORT", "8080"))
        print("listening on", port, flush=True)
        http.server.HTTPServer(("0.0.0.0", port), Handler).serve_forever()
        """

    /// Runs until stopped, printing a line now and then.
    static let worker = """
        import time
        print("worker up", flush=True)
        while True:
            time.sleep(1)
        """
}
