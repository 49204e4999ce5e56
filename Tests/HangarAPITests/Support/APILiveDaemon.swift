import Foundation
import Glibc
@testable import HangarAPI
import HangarRuntime
import HangarStore

/// A live daemon for the API's end-to-end tests: a real store and supervisor in a temporary home,
/// the API on a unix socket and on TCP (loopback, a free port, bearer tokens), and a sample app
/// (`web`, a python3 HTTP server with a check) in shared mode. `run` always stops the machines and
/// removes the directory.
final class APILiveDaemon: Sendable {
    let directory: TemporaryDirectory
    let store: HangarStore
    let supervisor: Supervisor
    let unixServer: APIServer
    let tcpServer: APIServer
    let client: APIClient

    static let app = "apilive"

    static let toml = """
        app = "apilive"

        [processes]
          web = "PY app.py"

        [http_service]
          internal_port = 8080
          processes = ["web"]

        [[http_service.checks]]
          path = "/"
          interval = "1s"
          timeout = "1s"
          grace_period = "1s"
        """

    /// Serves `/` (ok) and `/env/NAME` (the variable's value), on `$PORT`.
    static let program = """
        import http.server, os
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = os.environ.get(self.path[5:], "") if self.path.startswith("/env/") else "ok"
                self.send_response(200); self.end_headers(); self.wfile.write(body.encode())
            def log_message(self, *a): pass
        http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))), H).serve_forever()
        """

    var home: String { directory.path + "/state" }
    var tcpPort: Int { tcpServer.boundPort ?? 0 }

    private init() throws {
        directory = try TemporaryDirectory()
        store = try HangarStore.open(at: StoreLocation(home: directory.path + "/state"), environment: [:])
        supervisor = Supervisor(
            store: store,
            options: SupervisorOptions(checkStartupInterval: .milliseconds(200), pollInterval: .milliseconds(50)))
        let services = APIServices(
            runtime: supervisor, store: store,
            daemon: DaemonInfo(pid: getpid(), version: "test", home: directory.path, startedAt: "now"))
        unixServer = APIServer(socketPath: directory.path + "/h.sock", router: APIRoutes.router(services: services))
        guard let loopback = TCPAddress(parsing: "127.0.0.1:0") else { throw TestFailure("loopback address") }
        tcpServer = APIServer(
            tcp: loopback, router: APIRoutes.router(services: services, listener: .tcp), auth: BearerAuth(store: store))
        try unixServer.start()
        try tcpServer.start()
        client = APIClient(socketPath: directory.path + "/h.sock", patience: testPatience)
        let appDirectory = directory.path + "/app"
        try FileManager.default.createDirectory(atPath: appDirectory, withIntermediateDirectories: true)
        try Self.program.write(toFile: appDirectory + "/app.py", atomically: true, encoding: .utf8)
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "python3"
        try Self.toml.replacingOccurrences(of: "PY ", with: python + " ")
            .write(toFile: appDirectory + "/fly.toml", atomically: true, encoding: .utf8)
    }

    var configPath: String { directory.path + "/app/fly.toml" }

    static func run(_ body: (APILiveDaemon) async throws -> Void) async throws {
        let daemon = try APILiveDaemon()
        do {
            try await body(daemon)
        } catch {
            await daemon.stop()
            throw error
        }
        await daemon.stop()
    }

    func stop() async {
        _ = try? await supervisor.down(app: Self.app)
        tcpServer.stop()
        unixServer.stop()
        await supervisor.detach()
        try? store.close()
        directory.remove()
    }

    /// Brings the sample app up in shared mode.
    func up() async throws -> AppStatus {
        try await client.up(UpRequest(configPath: configPath, appName: Self.app, mode: .shared, waitTimeoutSeconds: 120), app: Self.app)
    }

    /// One request on the unix socket; the body as JSON text.
    func send(_ method: String, _ path: String, json: String? = nil) async throws -> (status: Int, body: String) {
        let response = try await client.send(method, path, body: json.map { Array($0.utf8) }, timeout: .seconds(300))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// curl against the TCP listener: the status code and body.
    func curl(_ method: String, _ path: String, token: String?, json: String? = nil) async throws -> (status: Int, body: String) {
        var arguments = ["-s", "-m", "60", "-X", method, "-w", "\n%{http_code}"]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        arguments.append("http://127.0.0.1:\(tcpPort)\(path)")
        let output = try await APILiveProcess.run("/usr/bin/curl", arguments)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.last ?? "") ?? 0
        return (status, lines.dropLast().joined(separator: "\n"))
    }
}

/// Runs a program to its end on a thread of its own and returns its standard output.
enum APILiveProcess {
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                let output = Pipe()
                process.standardOutput = output
                process.standardError = FileHandle.nullDevice
                let stdin = Pipe()
                process.standardInput = stdin
                do {
                    try process.run()
                    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
                    try? stdin.fileHandleForWriting.close()
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: String(decoding: data, as: UTF8.self))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    /// The repository's root (three levels above this file's directory).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()
}
