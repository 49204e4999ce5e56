import Foundation
import Glibc
import Synchronization

/// The daemon's HTTP/1.1 server on a unix socket (`<home>/hangar.sock`, mode 0600: only its owner
/// can connect), or on TCP (`--api-listen`) where every request needs a bearer token. One thread
/// accepts; each connection is served on a thread of its own, at most `limits.maxConnections` at
/// once (more are answered 503).
///
/// `start()` refuses to take over a socket another server answers on, replaces a stale one (a
/// socket file nobody listens on), and never deletes a file that is not a socket.
public final class APIServer: Sendable {
    public enum StartError: Error, Sendable, Equatable, CustomStringConvertible {
        case alreadyServing(String)
        case notASocket(String)
        case socket(SocketError)

        public var description: String {
            switch self {
            case .alreadyServing(let path): "another hangar daemon already answers on \(path)"
            case .notASocket(let path): "\(path) exists and is not a socket; move it away first"
            case .socket(let error): error.description
            }
        }
    }

    private struct State {
        var listener: UnixSocket?
        var inode: UInt64 = 0
        var connections: [Int: UnixSocket] = [:]
        var nextConnection = 0
        var stopping = false
    }

    public let socketPath: String
    /// Set for a TCP server: where it listens, and the token check every request passes first.
    let tcp: TCPAddress?
    let auth: BearerAuth?
    let router: Router
    let limits: HTTPLimits
    let log: DaemonLog?
    private let state = Mutex(State())
    private let acceptDone = DispatchSemaphore(value: 0)

    public init(socketPath: String, router: Router, limits: HTTPLimits = .standard, log: DaemonLog? = nil) {
        self.socketPath = socketPath
        self.router = router
        self.limits = limits
        self.log = log
        tcp = nil
        auth = nil
    }

    /// A TCP server: every request must carry a token `auth` accepts.
    public init(tcp address: TCPAddress, router: Router, auth: BearerAuth, limits: HTTPLimits = .standard, log: DaemonLog? = nil) {
        socketPath = address.description
        tcp = address
        self.auth = auth
        self.router = router
        self.limits = limits
        self.log = log
    }

    /// The TCP port bound (useful with port 0); nil for a unix socket or before `start()`.
    public var boundPort: Int? {
        guard tcp != nil else { return nil }
        return state.withLock { $0.listener }?.boundPort
    }

    public func start() throws(StartError) {
        if let tcp {
            let listener: UnixSocket
            do {
                listener = try UnixSocket.listen(tcp: tcp)
            } catch {
                throw .socket(error)
            }
            begin(listener, inode: 0)
            log?.write("API listening on tcp \(tcp) (bearer tokens required)")
            return
        }
        try removeStaleSocket()
        let listener: UnixSocket
        do {
            listener = try UnixSocket.listen(path: socketPath)
        } catch {
            throw .socket(error)
        }
        var info = stat()
        let inode = stat(socketPath, &info) == 0 ? UInt64(info.st_ino) : 0
        begin(listener, inode: inode)
        log?.write("API listening on \(socketPath)")
    }

    private func begin(_ listener: UnixSocket, inode: UInt64) {
        state.withLock { state in
            state.listener = listener
            state.inode = inode
            state.stopping = false
        }
        let thread = Thread { [self] in
            acceptLoop(listener)
            acceptDone.signal()
        }
        thread.name = "hangar-api-accept"
        thread.start()
    }

    /// Stops accepting, closes every connection (a streaming client sees its stream end) and removes
    /// the socket file. Requests being handled finish in the runtime; their answers are dropped.
    public func stop() {
        let (listener, connections, inode) = state.withLock { state -> (UnixSocket?, [UnixSocket], UInt64) in
            let listener = state.listener
            state.stopping = true
            state.listener = nil
            return (listener, Array(state.connections.values), state.inode)
        }
        guard let listener else { return }
        listener.shutdown()
        acceptDone.wait()
        listener.close()
        for connection in connections { connection.shutdown() }
        var info = stat()
        if tcp == nil, stat(socketPath, &info) == 0, UInt64(info.st_ino) == inode { unlink(socketPath) }
        log?.write("API stopped")
    }

    public var isStopping: Bool { state.withLock { $0.stopping } }

    /// Connections being served now.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    private func removeStaleSocket() throws(StartError) {
        var info = stat()
        guard lstat(socketPath, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(socketPath) }
        let probe: UnixSocket
        do {
            probe = try UnixSocket.connect(path: socketPath, timeout: .seconds(1))
        } catch {
            guard error.isNotListening else { throw .socket(error) }
            log?.write("removing the stale socket \(socketPath)")
            unlink(socketPath)
            return
        }
        probe.close()
        throw .alreadyServing(socketPath)
    }

    private func acceptLoop(_ listener: UnixSocket) {
        while !isStopping {
            let accepted: UnixSocket?
            do {
                accepted = try listener.accept(timeout: .milliseconds(500))
            } catch {
                if isStopping { return }
                log?.write("accept failed: \(error)")
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            guard let socket = accepted else { continue }
            let id = state.withLock { state -> Int? in
                guard !state.stopping, state.connections.count < limits.maxConnections else { return nil }
                state.nextConnection += 1
                state.connections[state.nextConnection] = socket
                return state.nextConnection
            }
            guard let id else {
                refuse(socket)
                continue
            }
            let connection = HTTPConnection(
                socket: socket, router: router, auth: auth, limits: limits, log: log, isStopping: { [self] in isStopping })
            let thread = Thread { [self] in
                connection.run()
                socket.close()
                _ = state.withLock { $0.connections.removeValue(forKey: id) }
            }
            thread.name = "hangar-api-connection"
            thread.start()
        }
    }

    private func refuse(_ socket: UnixSocket) {
        let response = HTTPResponse.error(
            APIError(status: 503, kind: "unavailable", message: "the daemon is busy; try again"))
        if case .bytes(let body) = response.body {
            try? socket.write(response.head(keepAlive: false) + body, until: .now + .seconds(1))
        }
        socket.close()
    }
}
