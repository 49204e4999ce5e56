import Glibc
import Synchronization

/// A non-blocking, close-on-exec unix stream socket. Every wait is a poll(2) with a deadline on the
/// calling thread (never a task of the cooperative pool). `shutdown()` may be called from any
/// thread to wake a thread blocked on it; `close()` belongs to the owner.
public final class UnixSocket: Sendable {
    let descriptor: Int32
    private let closed = Mutex(false)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close()
    }

    static func makeDescriptor() throws(SocketError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        let descriptor = socket(AF_UNIX, type, 0)
        guard descriptor >= 0 else { throw .system(operation: "socket", errno: errno) }
        return descriptor
    }

    /// Connects to the socket at `path`, waiting at most `timeout` for room in its backlog.
    public static func connect(path: String, timeout: Duration = .seconds(5)) throws(SocketError) -> UnixSocket {
        let address = try SocketAddress(path: path)
        let socket = UnixSocket(descriptor: try makeDescriptor())
        let deadline = ContinuousClock.now + timeout
        while true {
            let result = address.withPointer { pointer, length in Glibc.connect(socket.descriptor, pointer, length) }
            if result == 0 { return socket }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EINPROGRESS:
                // A unix socket whose backlog is full: try again until the deadline.
                if deadline.millisecondsFromNow == 0 { throw .timeout(operation: "connecting to \(path)") }
                usleep(10_000)
            default:
                throw .system(operation: "connect to \(path)", errno: code)
            }
        }
    }

    /// Binds and listens on `path` with mode 0600 (the file is created with that mode, so no other
    /// user can connect even for an instant).
    static func listen(path: String, backlog: Int32 = 64) throws(SocketError) -> UnixSocket {
        let address = try SocketAddress(path: path)
        let socket = UnixSocket(descriptor: try makeDescriptor())
        let previous = umask(0o177)
        let bound = address.withPointer { pointer, length in bind(socket.descriptor, pointer, length) }
        let bindErrno = errno
        umask(previous)
        guard bound == 0 else { throw .system(operation: "bind \(path)", errno: bindErrno) }
        guard chmod(path, 0o600) == 0 else { throw .system(operation: "chmod \(path)", errno: errno) }
        guard Glibc.listen(socket.descriptor, backlog) == 0 else { throw .system(operation: "listen", errno: errno) }
        return socket
    }

    /// Waits at most `timeout` for a connection; nil when none came (or the listener was shut down).
    func accept(timeout: Duration) throws(SocketError) -> UnixSocket? {
        guard try wait(for: Int16(POLLIN), until: ContinuousClock.now + timeout, operation: "accept") else {
            return nil
        }
        let accepted = Glibc.accept(descriptor, nil, nil)
        if accepted < 0 {
            let code = errno
            if code == EAGAIN || code == EWOULDBLOCK || code == EINTR || code == ECONNABORTED { return nil }
            throw .system(operation: "accept", errno: code)
        }
        _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
        let flags = fcntl(accepted, F_GETFL)
        _ = fcntl(accepted, F_SETFL, flags | O_NONBLOCK)
        return UnixSocket(descriptor: accepted)
    }

    /// Reads what is available, at most `limit` bytes, waiting until `deadline`. An empty array
    /// means the peer closed its side (or the socket was shut down).
    public func read(limit: Int = 65_536, until deadline: ContinuousClock.Instant) throws(SocketError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(1, limit))
        while true {
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return recv(descriptor, base, raw.count, 0)
            }
            if count >= 0 { return Array(buffer.prefix(count)) }
            let code = errno
            guard code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                if code == ECONNRESET { return [] }
                throw .system(operation: "read", errno: code)
            }
            guard try wait(for: Int16(POLLIN), until: deadline, operation: "read") else {
                throw .timeout(operation: "reading")
            }
        }
    }

    /// Writes every byte before `deadline`.
    public func write(_ bytes: [UInt8], until deadline: ContinuousClock.Instant) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return send(descriptor, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
                continue
            }
            let code = errno
            guard sent < 0, code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                throw .system(operation: "write", errno: sent < 0 ? code : EPIPE)
            }
            guard try wait(for: Int16(POLLOUT), until: deadline, operation: "write") else {
                throw .timeout(operation: "writing")
            }
        }
    }

    /// Whether the peer has closed its side or the socket was shut down, without waiting. Bytes
    /// the peer sent meanwhile are read and dropped.
    func peerHasClosed() -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, 0)
        if ready <= 0 { return false }
        if entry.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
        var scratch = [UInt8](repeating: 0, count: 4096)
        let count = scratch.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return recv(descriptor, base, raw.count, 0)
        }
        if count == 0 { return true }
        if count < 0 { return !(errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) }
        return false
    }

    /// Waits for `events` until `deadline`: true when ready (or hung up), false on timeout.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, operation: String) throws(SocketError)
        -> Bool
    {
        while true {
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(min(deadline.millisecondsFromNow, Int(Int32.max))))
            if ready > 0 { return true }
            if ready == 0 { return false }
            let code = errno
            if code != EINTR { throw .system(operation: operation, errno: code) }
        }
    }

    /// Shuts both directions down, waking any thread waiting on this socket. Safe from any thread.
    public func shutdown() {
        closed.withLock { closed in
            if !closed { _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    /// Stops sending (the peer reads the end of the stream) but keeps reading.
    func shutdownWrite() {
        closed.withLock { closed in
            if !closed { _ = Glibc.shutdown(descriptor, Int32(SHUT_WR)) }
        }
    }

    /// Closes the descriptor (once).
    public func close() {
        closed.withLock { closed in
            if !closed {
                closed = true
                _ = Glibc.close(descriptor)
            }
        }
    }
}
