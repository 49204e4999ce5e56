import Foundation
import Glibc
import Synchronization

/// A tiny TCP/HTTP server on loopback for check tests: a thread accepts connections and, depending
/// on its behaviour, answers with a canned response, holds the connection open without answering,
/// or closes it at once. It records each request head it reads.
final class CheckTestServer: Sendable {
    enum Behaviour: Sendable {
        /// Read the request head, send these bytes, close.
        case respond(String)
        /// Read the request head, then keep the connection open and never answer.
        case hang
        /// Accept and close at once (only the TCP handshake succeeds).
        case closeAtOnce
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct State {
        var behaviour: Behaviour
        var requests: [String] = []
        var connections = 0
        var held: [Int32] = []
        var stopped = false
    }

    let port: UInt16
    let host: String
    private let listener: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let state: Mutex<State>
    private let done = DispatchSemaphore(value: 0)

    /// Listens on `host` (`127.0.0.1` or `::1`) at `port` (0: any free port).
    init(_ behaviour: Behaviour, host: String = "127.0.0.1", port: UInt16 = 0) throws {
        let ipv6 = host.contains(":")
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let listener = socket(ipv6 ? AF_INET6 : AF_INET, type, 0)
        guard listener >= 0 else { throw Failure(description: "socket: \(errno)") }
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard Self.bind(listener, host: host, port: port, ipv6: ipv6), Glibc.listen(listener, 64) == 0 else {
            let code = errno
            close(listener)
            throw Failure(description: "bind/listen \(host):\(port): errno \(code)")
        }
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, type, 0, &pair) == 0 else {
            close(listener)
            throw Failure(description: "socketpair: \(errno)")
        }
        self.listener = listener
        self.wakeRead = pair[0]
        self.wakeWrite = pair[1]
        self.host = host
        self.port = Self.boundPort(listener, ipv6: ipv6)
        self.state = Mutex(State(behaviour: behaviour))
        let thread = Thread { [self] in self.acceptLoop() }
        thread.name = "check-test-server"
        thread.start()
    }

    /// Whether `::1` can be bound here (some containers have no IPv6 loopback).
    static let ipv6LoopbackAvailable: Bool = {
        guard let server = try? CheckTestServer(.closeAtOnce, host: "::1") else { return false }
        server.stop()
        return true
    }()

    /// A port nothing listens on: bound, then released.
    static func closedPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket") }
        defer { close(fd) }
        guard bind(fd, host: "127.0.0.1", port: 0, ipv6: false) else { throw Failure(description: "bind") }
        return boundPort(fd, ipv6: false)
    }

    static func response(_ status: Int, _ reason: String, headers: [String] = [], body: String = "") -> String {
        var text = "HTTP/1.1 \(status) \(reason)\r\n"
        for header in headers { text += header + "\r\n" }
        text += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        return text
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    var requests: [String] { state.withLock { $0.requests } }
    var connectionCount: Int { state.withLock { $0.connections } }

    func setBehaviour(_ behaviour: Behaviour) {
        state.withLock { $0.behaviour = behaviour }
    }

    /// Whether a held (never answered) connection has been closed by the client.
    func heldConnectionsClosedByPeer() -> Int {
        let held = state.withLock { $0.held }
        var closed = 0
        for fd in held {
            var probe = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&probe, 1, 0) == 1 {
                var byte: UInt8 = 0
                if recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) == 0 { closed += 1 }
            }
        }
        return closed
    }

    /// Stops accepting, closes every connection and the listening socket. Idempotent.
    func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = send(wakeWrite, &byte, 1, Int32(MSG_NOSIGNAL))
        done.wait()
    }

    private func acceptLoop() {
        defer {
            let held = state.withLock { state in
                let held = state.held
                state.held = []
                return held
            }
            for fd in held { close(fd) }
            close(listener)
            done.signal()
        }
        while true {
            var watched = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&watched, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 || watched[1].revents != 0 { return }
            let connection = accept(listener, nil, nil)
            if connection < 0 { continue }
            state.withLock { $0.connections += 1 }
            serve(connection)
        }
    }

    private func serve(_ connection: Int32) {
        let behaviour = state.withLock { $0.behaviour }
        if case .closeAtOnce = behaviour {
            close(connection)
            return
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let head = readHead(connection)
        state.withLock { $0.requests.append(head) }
        switch behaviour {
        case .respond(let text):
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(connection)
        case .hang:
            state.withLock { $0.held.append(connection) }
        case .closeAtOnce:
            close(connection)
        }
    }

    private func readHead(_ connection: Int32) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while data.count < 65536 {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer.prefix(count)
            if data.count >= 4, data.suffix(4).elementsEqual([13, 10, 13, 10]) { break }
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func bind(_ fd: Int32, host: String, port: UInt16, ipv6: Bool) -> Bool {
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return false }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) == 0
                }
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return false }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func boundPort(_ fd: Int32, ipv6: Bool) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return withUnsafePointer(to: &storage) { pointer in
            if ipv6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }
}

/// Polls `condition` until it holds or a generous cap passes; tests assert the result, never the time.
func eventually(_ condition: @Sendable () async -> Bool) async -> Bool {
    for _ in 0..<1000 {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
