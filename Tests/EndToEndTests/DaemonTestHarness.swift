import Foundation
import Glibc
import Testing

/// A private state directory for one test (short, so `hangar.sock` fits in a socket address), and
/// ways to run `hangar` against it: `HANGAR_HOME` always points here, never at /var/lib/hangar.
///
/// Daemons of a home run without the edge proxy unless `edgeArguments` says otherwise (a test of the
/// edge passes `--port-offset N` with a free N), so test processes running side by side never fight
/// over ports 80 and 443: `startDaemon` passes them, and so does every `hangar up` run here (which
/// starts the daemon when none answers) unless the test gave its own proxy flags.
final class DaemonHome: @unchecked Sendable {
    let path: String
    private var daemons: [Process] = []
    /// The edge flags of every daemon this home starts.
    let edgeArguments: [String]

    /// The flags that choose how a daemon runs its edge.
    static let edgeFlags: Set<String> = ["--no-proxy", "--port-offset", "--proxy-host"]

    init(edgeArguments: [String] = ["--no-proxy"]) throws {
        self.edgeArguments = edgeArguments
        var template = Array("/tmp/hdae-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw HangarBinaryError.notBuilt }
        path = String(decoding: template.map { UInt8(bitPattern: $0) }.prefix { $0 != 0 }, as: UTF8.self)
    }

    var socket: String { path + "/hangar.sock" }
    var log: String { path + "/daemon.log" }

    /// Runs `hangar` with `HANGAR_HOME` set to this directory (and `FLY_APP` removed unless given).
    func run(_ arguments: [String], cwd: String? = nil, stdin: String? = nil, environment extra: [String: String] = [:])
        async throws -> HangarRun
    {
        let home = path
        var arguments = arguments
        if arguments.first == "up", !arguments.contains(where: { Self.edgeFlags.contains($0) }) {
            arguments += edgeArguments
        }
        let prepared = arguments
        return try await Self.onThread {
            try Self.runBlocking(prepared, home: home, cwd: cwd, stdin: stdin, extra: extra)
        }
    }

    /// Starts `hangar daemon --home <this>` in the foreground of a child process and waits until
    /// its socket answers.
    @discardableResult
    func startDaemon() async throws -> Process {
        guard let url = HangarBinary.url else { throw HangarBinaryError.notBuilt }
        let process = Process()
        process.executableURL = url
        process.arguments = ["daemon", "--home", path] + edgeArguments
        var environment = ProcessInfo.processInfo.environment
        environment["HANGAR_HOME"] = path
        process.environment = environment
        let output = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        daemons.append(process)
        for _ in 0..<300 {
            if Self.answers(socket) { return process }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process
    }

    /// Sends SIGTERM and waits for the process to end (bounded); returns its exit status.
    func stop(_ process: Process, signal: Int32 = SIGTERM) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        for _ in 0..<400 where process.isRunning { try await Task.sleep(for: .milliseconds(25)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Runs `body` with a fresh home, then cleans up whatever happened.
    static func with(edgeArguments: [String] = ["--no-proxy"], _ body: (DaemonHome) async throws -> Void) async throws {
        let home = try DaemonHome(edgeArguments: edgeArguments)
        do {
            try await body(home)
        } catch {
            await home.cleanUp()
            throw error
        }
        await home.cleanUp()
    }

    /// Stops every machine and daemon of this home and removes it: when a daemon's lock is held or
    /// apps are registered, a daemon is (re)started to bring every app down first, because a daemon
    /// that stops leaves its machines running.
    func cleanUp() async {
        if FileManager.default.fileExists(atPath: path + "/hangar.db") {
            if !Self.answers(socket) { _ = try? await startDaemon() }
            if let listed = try? await run(["apps", "list", "--json"]),
                let data = listed.stdout.data(using: .utf8),
                let apps = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
            {
                for app in apps.compactMap({ $0["name"] as? String }) { _ = try? await run(["down", "-a", app]) }
            }
        }
        for process in daemons where process.isRunning { _ = try? await stop(process) }
        if let pid = daemonPID() {
            kill(pid, SIGTERM)
            for _ in 0..<200 where Self.isAlive(pid) { try? await Task.sleep(for: .milliseconds(25)) }
        }
        // Volume images stay mounted across daemons; a home that goes takes its mounts with it.
        Self.unmountVolumeImages(under: path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The pid of the daemon holding this home's lock, if it is alive and serves this home.
    /// Lazily unmounts every mount at or below `directory` (the loop-mounted volume images).
    static func unmountVolumeImages(under directory: String) {
        guard let table = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return }
        let points = table.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return nil }
            let point = String(fields[4])
            return point == directory || point.hasPrefix(directory + "/") ? point : nil
        }
        for point in points.sorted(by: { $0.count > $1.count }) {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = ["-l", point]
            try? umount.run()
            umount.waitUntilExit()
        }
    }

    func daemonPID() -> Int32? {
        guard let text = try? String(contentsOfFile: path + "/daemon.lock", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1, Self.isAlive(pid),
            let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8), command.contains(path)
        else { return nil }
        return pid
    }

    /// Whether `pid` runs (a zombie, which nobody may reap on this host, does not count).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    /// Whether something accepts connections on the unix socket at `path`.
    static func answers(_ path: String) -> Bool {
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }

    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { try body() }) }.start()
        }
        return try result.get()
    }

    private static func runBlocking(
        _ arguments: [String], home: String, cwd: String?, stdin: String?, extra: [String: String]
    ) throws -> HangarRun {
        guard let url = HangarBinary.url else { throw HangarBinaryError.notBuilt }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HANGAR_HOME"] = home
        environment["FLY_APP"] = nil
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: cwd ?? home)
        let out = home + "/.out-\(UUID().uuidString)", err = home + "/.err-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        let input = Pipe()
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        return HangarRun(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
