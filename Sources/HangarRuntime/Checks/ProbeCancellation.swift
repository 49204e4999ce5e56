import Glibc

/// Wakes a blocked probe when its task is cancelled.
///
/// A connected pair of local sockets: the probe's `poll` watches `watchedDescriptor` next to its
/// own socket, and `signal()` makes it readable. The descriptors live as long as this object, so a
/// late `signal()` (after the probe finished) writes into a still-open pair and is harmless.
final class ProbeCancellation: Sendable {
    let watchedDescriptor: Int32
    private let signalDescriptor: Int32

    /// Fails (with the errno) only when the process is out of descriptors.
    init() throws(ProbeFailure) {
        var pair: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &pair) == 0 else {
            throw .system(operation: "socketpair", errno: errno)
        }
        watchedDescriptor = pair[0]
        signalDescriptor = pair[1]
    }

    deinit {
        close(watchedDescriptor)
        close(signalDescriptor)
    }

    /// Makes `watchedDescriptor` readable. Safe from any thread, any number of times.
    func signal() {
        var byte: UInt8 = 1
        _ = send(signalDescriptor, &byte, 1, Int32(MSG_NOSIGNAL))
    }
}
