import Glibc

/// Why a socket operation failed.
public enum SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed with `errno`.
    case system(operation: String, errno: Int32)
    /// The deadline passed.
    case timeout(operation: String)
    /// The unix socket path does not fit in `sockaddr_un` (107 bytes).
    case pathTooLong(String)

    public var description: String {
        switch self {
        case .system(let operation, let code):
            "\(operation) failed: \(String(cString: strerror(code)))"
        case .timeout(let operation):
            "\(operation) timed out"
        case .pathTooLong(let path):
            "the socket path \(path) is longer than 107 bytes; use a shorter HANGAR_HOME"
        }
    }

    /// The peer is not there (no socket file, or nobody listening on it).
    public var isNotListening: Bool {
        if case .system(_, let code) = self { return code == ENOENT || code == ECONNREFUSED || code == ENOTSOCK }
        return false
    }
}
