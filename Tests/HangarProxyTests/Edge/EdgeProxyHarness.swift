import Foundation
import Glibc
import HangarCore
import HangarProxy

/// Real sockets for the edge tests: python upstreams on free loopback ports, an `EdgeProxy` bound to
/// 127.0.0.1 with a free port for each public port, and curl as the client.
final class EdgeProxyHarness: @unchecked Sendable {
    let directory: URL
    private var processes: [String: Process] = [:]
    private(set) var upstreamPorts: [String: Int] = [:]
    let sink = EdgeRecordingSink()

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("edge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try EdgeUpstreamScript.source.write(to: directory.appendingPathComponent("upstream.py"), atomically: true, encoding: .utf8)
    }

    deinit {
        for process in processes.values where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A free TCP port on loopback (bound to 0, then released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts an upstream named `name` (its machine id) and waits until it listens.
    @discardableResult
    func startUpstream(_ name: String, raw: Bool = false) throws -> Int {
        let port = Self.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", directory.appendingPathComponent("upstream.py").path, name, String(port)] + (raw ? ["--raw"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = pipe.fileHandleForReading.availableData
        processes[name] = process
        upstreamPorts[name] = port
        return port
    }

    func killUpstream(_ name: String) {
        guard let process = processes[name] else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func target(_ name: String, state: TargetState = .ready) -> Target {
        Target(machineID: name, group: "web", version: "1", host: "127.0.0.1", port: upstreamPorts[name] ?? 1, state: state)
    }

    static func service(
        ports: [PortSpec], concurrency: ConcurrencySpec = ConcurrencySpec(), autoStart: Bool = true
    ) -> ServiceSpec {
        ServiceSpec(
            protocol: "tcp", internalPort: 8080, ports: ports, concurrency: concurrency, autoStop: .off,
            autoStart: autoStart, minMachinesRunning: 0, checks: [], source: "http_service")
    }

    static func table(_ apps: [(String, ServiceSpec, [Target])]) -> RoutingTable {
        RoutingTable(apps: apps.map { AppRoutes(app: $0.0, services: [ServiceRoutes(group: "web", service: $0.1, targets: $0.2)]) })
    }

    /// A proxy on loopback where each public port maps to a free local port.
    func proxy(publicPorts: [Int], apps: [String], tune: (inout ProxyOptions) -> Void = { _ in }) -> (EdgeProxy, [Int: Int]) {
        var mapping: [Int: Int] = [:]
        for port in publicPorts { mapping[port] = Self.freePort() }
        var options = ProxyOptions(bindHost: "127.0.0.1", portMap: Dictionary(uniqueKeysWithValues: apps.map { ($0, mapping) }))
        options.threads = 2
        tune(&options)
        return (EdgeProxy(options: options, demand: sink), mapping)
    }

    struct CurlResult: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
        var exitCode: Int32

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
        var seenHeaders: [String: String] { json["headers"] as? [String: String] ?? [:] }
        var machine: String? { json["machine"] as? String }
    }

    /// Runs curl and returns status, response headers (lowercased names, last value wins) and body.
    static func curl(_ arguments: [String]) -> CurlResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let headerFile = FileManager.default.temporaryDirectory.appendingPathComponent("edge-h-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: headerFile) }
        process.arguments = ["curl", "-s", "-D", headerFile.path, "--max-time", "20"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return CurlResult(status: 0, headers: [:], body: "", exitCode: -1) }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let headerText = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        var status = 0
        var headers: [String: String] = [:]
        for line in headerText.split(separator: "\r\n") {
            if line.hasPrefix("HTTP/") {
                status = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
                headers = [:]
            } else if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return CurlResult(status: status, headers: headers, body: String(decoding: data, as: UTF8.self), exitCode: process.terminationStatus)
    }

    /// `curl` on a thread of its own, so many can run at once without holding the test's executor.
    static func curlOnThread(_ arguments: [String]) async -> CurlResult {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: curl(arguments)) }
        }
    }

    /// Sends raw bytes on a new TCP connection and returns what came back until the peer closed or
    /// `timeout` passed.
    static func rawExchange(port: Int, send: [UInt8], timeout: Double = 5, keepSending: Bool = false) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "" }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        _ = send.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}

/// The runtime's side of the demand contract, recorded (the edge tests run no supervisor).
actor EdgeRecordingSink: DemandSink {
    private(set) var wakes: [WakeRequest] = []
    private(set) var reports: [LoadReport] = []
    var onWake: (@Sendable (WakeRequest) async -> Bool)?

    func setOnWake(_ handler: @escaping @Sendable (WakeRequest) async -> Bool) { onWake = handler }

    func wake(_ request: WakeRequest) async -> Bool {
        wakes.append(request)
        return await onWake?(request) ?? false
    }

    func report(_ load: LoadReport) async {
        reports.append(load)
    }
}
