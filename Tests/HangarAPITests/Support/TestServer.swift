import Foundation
import Glibc
@testable import HangarAPI
import HangarRuntime

/// A temporary state directory (short, so the socket path fits in `sockaddr_un`), removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/hapi-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw TestFailure("mkdtemp failed") }
        path = String(decoding: template.map { UInt8(bitPattern: $0) }.prefix { $0 != 0 }, as: UTF8.self)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An `APIServer` over a `FakeRuntime` on a real unix socket in a temporary directory.
final class TestServer: Sendable {
    let directory: TemporaryDirectory
    let runtime: FakeRuntime
    let server: APIServer
    let client: APIClient

    var socketPath: String { server.socketPath }

    init(limits: HTTPLimits = .standard, runtime: FakeRuntime = FakeRuntime()) throws {
        directory = try TemporaryDirectory()
        self.runtime = runtime
        let router = APIRoutes.router(
            runtime: runtime, daemon: DaemonInfo(pid: getpid(), version: "test", home: directory.path, startedAt: "now"))
        server = APIServer(socketPath: directory.path + "/hangar.sock", router: router, limits: limits)
        try server.start()
        // Other suites may keep the cooperative pool busy for a long while; the server's handlers
        // need it, so the tests wait patiently (a bound against hangs, not a timing assertion).
        client = APIClient(socketPath: directory.path + "/hangar.sock", patience: testPatience)
    }

    func stop() {
        server.stop()
        directory.remove()
    }

    /// Sends raw bytes, then (with `halfClose`) ends the sending side, and reads until the server
    /// closes. Runs on a thread of its own: blocking a test's task would starve the pool the server's
    /// handlers run on.
    func raw(_ bytes: [UInt8], halfClose: Bool = true, timeout: Duration = testPatience) async throws -> String {
        let path = socketPath
        let result: Result<String, SocketError> = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: Self.exchange(path: path, bytes, halfClose: halfClose, timeout: timeout))
            }.start()
        }
        return try result.get()
    }

    func raw(_ text: String, halfClose: Bool = true) async throws -> String {
        try await raw(Array(text.utf8), halfClose: halfClose)
    }

    private static func exchange(path: String, _ bytes: [UInt8], halfClose: Bool, timeout: Duration) -> Result<String, SocketError> {
        do throws(SocketError) {
            let socket = try UnixSocket.connect(path: path)
            defer { socket.close() }
            // The server may answer and close before reading everything (413): keep reading anyway.
            try? socket.write(bytes, until: .now + timeout)
            if halfClose { socket.shutdownWrite() }
            var received: [UInt8] = []
            let deadline = ContinuousClock.now + timeout
            while true {
                let piece = try socket.read(until: deadline)
                if piece.isEmpty { break }
                received += piece
            }
            return .success(String(decoding: received, as: UTF8.self))
        } catch {
            return .failure(error)
        }
    }
}

/// How long tests wait for an answer before calling it a hang.
let testPatience = Duration.seconds(600)

/// The status code of each response in `text` (several when pipelined).
func statusCodes(_ text: String) -> [Int] {
    text.components(separatedBy: "\n").compactMap { line in
        guard line.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(line.dropFirst(9).prefix(3))
    }
}

/// The JSON body of the last response in `text`.
func lastBody(_ text: String) -> String {
    text.components(separatedBy: "\r\n\r\n").last ?? ""
}

/// Runs blocking socket work on a thread of its own, so the cooperative pool stays free for the
/// server's handlers.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let result: Result<T, any Error> = await withCheckedContinuation { continuation in
        Thread {
            continuation.resume(returning: Result { try body() })
        }.start()
    }
    return try result.get()
}
