import Foundation
import Glibc
import Testing

/// The CLI against a real daemon running real machines (shared mode, so no privileges are needed):
/// `up`, status and checks, refused hostile input that changes nothing, secrets that never show,
/// scale, volumes, machine verbs, logs in Fly's shape, `down`, Ctrl-C on `up`, and a daemon
/// restart that re-adopts running machines.
@Suite(.serialized) struct DaemonAppTests {
    /// A small HTTP app that honours `$PORT` and says whether its secret arrived (never its value).
    static func writeApp(in home: DaemonHome, name: String = "e2e-web", command: String = "python3 server.py") throws -> String {
        let dir = home.path + "/" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            import http.server, os, signal, sys
            port = int(os.environ.get("PORT", "8080"))
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b"ok\\n"
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
            signal.signal(signal.SIGINT, lambda *args: sys.exit(0))
            print(f"listening on {port} token={'set' if os.environ.get('API_TOKEN') else 'unset'}", flush=True)
            http.server.ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
            """.write(toFile: dir + "/server.py", atomically: true, encoding: .utf8)
        try """
            app = "\(name)"
            primary_region = "ams"

            [processes]
              app = "\(command)"

            [http_service]
              internal_port = 8080
              processes = ["app"]

              [[http_service.checks]]
                interval = "2s"
                timeout = "1s"
                grace_period = "1s"
                method = "GET"
                path = "/health"
            """.write(toFile: dir + "/fly.toml", atomically: true, encoding: .utf8)
        return dir
    }

    static func json(_ text: String) -> Any? {
        text.data(using: .utf8).flatMap { try? JSONSerialization.jsonObject(with: $0) }
    }

    static func machines(_ home: DaemonHome, app: String = "e2e-web") async throws -> [[String: Any]] {
        let run = try await home.run(["status", "-a", app, "--json"])
        return ((json(run.stdout) as? [String: Any])?["machines"] as? [[String: Any]]) ?? []
    }

    /// Machine ids, states and versions: what a refused request must leave as it was.
    static func fingerprint(_ home: DaemonHome) async throws -> [String] {
        try await machines(home).map { "\($0["id"] ?? "") \($0["state"] ?? "") \($0["version"] ?? "")" }.sorted()
    }

    @Test func fullLifecycleThroughTheCLI() async throws {
        try await DaemonHome.with { home in
            let dir = try Self.writeApp(in: home)
            let up = try await home.run(["up", "--detach", "--mode", "shared", "--wait-timeout", "60"], cwd: dir)
            #expect(up.status == 0, "\(up.stderr)")
            #expect(up.stderr.contains("Started the hangar daemon"))
            #expect(up.stdout.contains("PROCESS  ID"))
            #expect(up.stdout.contains("LAST UPDATED"))

            var machines = try await Self.machines(home)
            #expect(machines.count == 1)
            #expect(machines.first?["state"] as? String == "started")
            #expect(machines.first?["group"] as? String == "app")
            let checks = try await home.run(["checks", "list", "-a", "e2e-web", "--json"])
            let checkRows = Self.json(checks.stdout) as? [[String: Any]] ?? []
            #expect(!checkRows.isEmpty)
            #expect(checkRows.allSatisfy { $0["status"] as? String == "passing" })
            let apps = try await home.run(["apps", "list", "--json"])
            #expect(apps.stdout.contains("\"e2e-web\""))

            // Hostile input: clear errors, right exit codes, nothing changes.
            let before = try await Self.fingerprint(home)
            let refusals: [([String], Int32, String)] = [
                (["scale", "count", "app=-1", "-a", "e2e-web"], 2, "invalid count"),
                (["scale", "count", "nothere=2", "-a", "e2e-web"], 2, "nothere"),
                (["machine", "stop", "not-an-id", "-a", "e2e-web"], 2, "machine id"),
                (["machine", "stop", "ffffffffffffff", "-a", "e2e-web"], 1, "ffffffffffffff"),
                (["volumes", "create", "../escape", "-a", "e2e-web"], 2, "volume name"),
                (["secrets", "set", "BAD NAME=e2e-hidden", "-a", "e2e-web"], 2, "secret name"),
                (["status", "-a", "nope"], 1, "nope"),
                (["down", "-a", "nope"], 1, "nope"),
                (["machine", "list", "-a", "nope"], 1, "nope"),
            ]
            for (arguments, status, mentions) in refusals {
                let run = try await home.run(arguments)
                #expect(run.status == status, "\(arguments): \(run.stderr)")
                #expect(run.stderr.contains(mentions), "\(arguments): \(run.stderr)")
                #expect(!run.stderr.contains("e2e-hidden"))
            }
            #expect(try await Self.fingerprint(home) == before)
            #expect(try await home.run(["volumes", "list", "-a", "e2e-web", "--json"]).stdout.contains("escape") == false)

            // Secrets: set, listed by name and digest, never shown, not readable in the state directory.
            let secret = "e2e-secret-\(UUID().uuidString)"
            let set = try await home.run(["secrets", "set", "API_TOKEN=\(secret)", "-a", "e2e-web"])
            #expect(set.status == 0, "\(set.stderr)")
            #expect(!set.stdout.contains(secret))
            let listed = try await home.run(["secrets", "list", "-a", "e2e-web", "--json"])
            #expect(listed.stdout.contains("API_TOKEN"))
            #expect(listed.stdout.contains("digest"))
            #expect(!listed.stdout.contains(secret))

            // Scale up, then the machine verbs on one machine.
            let scaled = try await home.run(["scale", "count", "app=2", "-a", "e2e-web"])
            #expect(scaled.status == 0, "\(scaled.stderr)")
            machines = try await Self.machines(home)
            #expect(machines.count == 2)
            let show = try await home.run(["scale", "show", "-a", "e2e-web", "--json"])
            #expect(show.stdout.contains("\"count\" : 2"))
            let id = try #require(machines.first?["id"] as? String)
            let stopped = try await home.run(["machine", "stop", id, "-a", "e2e-web"])
            #expect(stopped.stdout.contains("Machine \(id) is stopped"), "\(stopped.stderr)")
            let started = try await home.run(["machine", "start", id, "-a", "e2e-web"])
            #expect(started.stdout.contains("Machine \(id) is started"), "\(started.stderr)")
            let detail = try await home.run(["machine", "status", id, "-a", "e2e-web"])
            #expect(detail.stdout.contains("Event Logs"))
            #expect(detail.stdout.contains("stop"))

            // Volumes.
            let volume = try await home.run(["volumes", "create", "data", "--size", "1", "-a", "e2e-web"])
            #expect(volume.status == 0, "\(volume.stderr)")
            #expect(try await home.run(["volumes", "list", "-a", "e2e-web"]).stdout.contains("data"))

            // Logs in Fly's shape, and no secret anywhere.
            let logs = try await home.run(["logs", "-a", "e2e-web", "-n", "50"])
            #expect(logs.status == 0)
            let pattern = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z (app|runner|health)\[[0-9a-f]{14}\] local \[(info|warn|error)\] "#)
            let lines = logs.stdout.split(separator: "\n")
            #expect(lines.contains { $0.contains("listening on") })
            #expect(lines.allSatisfy { $0.contains(pattern) }, "\(logs.stdout)")
            let jsonLogs = try await home.run(["logs", "-a", "e2e-web", "-n", "3", "--json"])
            #expect(jsonLogs.stdout.split(separator: "\n").allSatisfy { Self.json(String($0)) != nil })
            for output in [logs.stdout, jsonLogs.stdout, try await home.run(["status", "-a", "e2e-web", "--json"]).stdout] {
                #expect(!output.contains(secret))
            }
            #expect(!Self.directoryContains(home.path, secret))

            // Down stops every machine and keeps them.
            let down = try await home.run(["down", "-a", "e2e-web"])
            #expect(down.status == 0, "\(down.stderr)")
            machines = try await Self.machines(home)
            #expect(machines.count == 2)
            #expect(machines.allSatisfy { $0["state"] as? String == "stopped" })
        }
    }

    @Test func ctrlCOnUpStopsTheApp() async throws {
        try await DaemonHome.with { home in
            let dir = try Self.writeApp(in: home)
            guard let url = HangarBinary.url else { throw HangarBinaryError.notBuilt }
            let process = Process()
            process.executableURL = url
            process.arguments = ["up", "--mode", "shared", "--wait-timeout", "60"]
            process.currentDirectoryURL = URL(fileURLWithPath: dir)
            var environment = ProcessInfo.processInfo.environment
            environment["HANGAR_HOME"] = home.path
            process.environment = environment
            let errPath = home.path + "/up.err"
            _ = FileManager.default.createFile(atPath: errPath, contents: nil)
            let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
            process.standardError = err
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
            try process.run()
            var following = false
            for _ in 0..<1200 where process.isRunning {
                if (try? String(contentsOfFile: errPath, encoding: .utf8))?.contains("Following the logs") == true {
                    following = true
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(following)
            kill(process.processIdentifier, SIGINT)
            for _ in 0..<1200 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
            try? err.close()
            if process.isRunning {
                Issue.record("hangar up did not end after SIGINT")
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            } else {
                #expect(process.terminationStatus == 0, "\((try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")")
            }
            let machines = try await Self.machines(home)
            #expect(!machines.isEmpty)
            #expect(machines.allSatisfy { $0["state"] as? String == "stopped" })
            // The daemon itself is still there, in its own session.
            #expect(DaemonHome.answers(home.socket))
        }
    }

    @Test func aGracefulDaemonStopLeavesMachinesRunningAndTheNextDaemonReadoptsThem() async throws {
        try await DaemonHome.with { home in
            let dir = try Self.writeApp(in: home)
            let up = try await home.run(["up", "--detach", "--mode", "shared", "--wait-timeout", "60"], cwd: dir)
            #expect(up.status == 0, "\(up.stderr)")
            let before = try await Self.machines(home)
            let port = try #require(before.first?["port"] as? Int)
            let pid = try #require(home.daemonPID())
            kill(pid, SIGTERM)
            for _ in 0..<400 where DaemonHome.isAlive(pid) { try await Task.sleep(for: .milliseconds(25)) }
            #expect(!DaemonHome.isAlive(pid))
            #expect(!FileManager.default.fileExists(atPath: home.socket))
            // No daemon, but the machine still serves.
            #expect(try await home.run(["status", "-a", "e2e-web"]).stderr.contains("not running"))
            #expect(Self.httpStatus(port: port) == 200)
            try await home.startDaemon()
            let after = try await Self.machines(home)
            #expect(after.map { $0["id"] as? String } == before.map { $0["id"] as? String })
            #expect(after.map { $0["version"] as? String } == before.map { $0["version"] as? String })
            #expect(after.allSatisfy { $0["state"] as? String == "started" })
            #expect(try String(contentsOfFile: home.log, encoding: .utf8).contains("1 re-adopted"))
        }
    }

    @Test func upExitsNonZeroNamingAFailingMachine() async throws {
        try await DaemonHome.with { home in
            let dir = try Self.writeApp(in: home, name: "e2e-broken", command: "/nonexistent/program --flag")
            let up = try await home.run(["up", "--detach", "--mode", "shared", "--wait-timeout", "60"], cwd: dir)
            #expect(up.status == 1)
            let machines = try await Self.machines(home, app: "e2e-broken")
            let id = try #require(machines.first?["id"] as? String)
            #expect(up.stderr.contains(id), "\(up.stderr)")
        }
    }

    /// GET / on 127.0.0.1:`port` with curl; the status code, or 0.
    static func httpStatus(port: Int) -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "http://127.0.0.1:\(port)/"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        guard (try? process.run()) != nil else { return 0 }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self)) ?? 0
    }

    /// Whether any file under `directory` holds `text` (byte search, so SQLite files count too).
    static func directoryContains(_ directory: String, _ text: String) -> Bool {
        let needle = Data(text.utf8)
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return false }
        for case let relative as String in walker {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            if data.range(of: needle) != nil { return true }
        }
        return false
    }
}
