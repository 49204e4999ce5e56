import Glibc

/// One non-blocking TCP connection made by a probe. Every step blocks the calling thread (never a
/// task of the cooperative pool: see `ProbeThread`) until it completes, the deadline passes, or the
/// cancellation is signalled. The descriptor is closed when the value goes away.
struct ProbeSocket: ~Copyable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Connects to `address:port` before `deadline`.
    static func connect(
        to address: ProbeAddress, port: UInt16, deadline: ContinuousClock.Instant, cancellation: ProbeCancellation
    ) throws(ProbeFailure) -> ProbeSocket {
        let domain = address.isIPv6 ? AF_INET6 : AF_INET
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(domain, type, 0)
        guard descriptor >= 0 else { throw .system(operation: "socket", errno: errno) }
        let socket = ProbeSocket(descriptor: descriptor)
        let started = address.withSocketAddress(port: port) { pointer, length in
            Glibc.connect(descriptor, pointer, length) == 0 ? 0 : errno
        }
        switch started {
        case 0:
            return socket
        case EINPROGRESS, EINTR:
            try socket.wait(for: Int16(POLLOUT), until: deadline, cancellation: cancellation, phase: "connecting")
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else {
                throw .system(operation: "connect", errno: errno)
            }
            guard failure == 0 else { throw .system(operation: "connect", errno: failure) }
            return socket
        default:
            throw .system(operation: "connect", errno: started)
        }
    }

    /// Sends every byte of `bytes` before `deadline`.
    func send(_ bytes: [UInt8], until deadline: ContinuousClock.Instant, cancellation: ProbeCancellation) throws(ProbeFailure) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.send(descriptor, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
                continue
            }
            let code = errno
            guard sent < 0, code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                throw .system(operation: "write", errno: sent < 0 ? code : EPIPE)
            }
            try wait(for: Int16(POLLOUT), until: deadline, cancellation: cancellation, phase: "sending the request")
        }
    }

    /// Reads what is available (at most `limit` bytes) before `deadline`; an empty array means
    /// the peer closed the connection.
    func receive(
        limit: Int, until deadline: ContinuousClock.Instant, cancellation: ProbeCancellation, phase: String
    ) throws(ProbeFailure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(1, limit))
        while true {
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return recv(descriptor, base, raw.count, 0)
            }
            if count >= 0 { return Array(buffer.prefix(count)) }
            let code = errno
            guard code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                throw .system(operation: "read", errno: code)
            }
            try wait(for: Int16(POLLIN), until: deadline, cancellation: cancellation, phase: phase)
        }
    }

    /// Blocks until the socket is ready for `events` (errors and hang-ups count as ready: the next
    /// call reports them), the deadline passes, or cancellation is signalled.
    private func wait(
        for events: Int16, until deadline: ContinuousClock.Instant, cancellation: ProbeCancellation, phase: String
    ) throws(ProbeFailure) {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw .timedOut(phase: phase) }
            var watched = [
                pollfd(fd: descriptor, events: events, revents: 0),
                pollfd(fd: cancellation.watchedDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&watched, nfds_t(watched.count), Self.pollTimeout(remaining))
            if ready < 0 {
                let code = errno
                if code == EINTR { continue }
                throw .system(operation: "poll", errno: code)
            }
            if watched[1].revents != 0 { throw .cancelled }
            if watched[0].revents != 0 { return }
        }
    }

    /// Whole milliseconds, rounded up so a wait never ends before its deadline, capped for poll.
    private static func pollTimeout(_ remaining: Duration) -> Int32 {
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds.multipliedReportingOverflow(by: 1000).partialValue
            + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(1, milliseconds))
    }
}
