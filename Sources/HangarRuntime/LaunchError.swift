import Glibc

/// Why a Machine could not be started (or a launcher operation failed).
public enum LaunchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec cannot be run as given.
    case invalidSpec(String)
    /// A system call failed: what was being done, and errno.
    case system(String, Int32)
    /// A host command (`ip`, `nsenter`) failed: the command line and what it printed.
    case command(String, String)
    /// The address (or its interface name) is already taken on this host.
    case addressInUse(String)
    /// The init could not prepare the Machine (mounts, hostname) and did not start the app.
    case setupFailed(String)
    /// Isolation was asked for but this host cannot provide it.
    case isolationUnavailable(String)
    /// The Machine to adopt is no longer running (or its pid now belongs to another process).
    case notRunning(String)

    public var description: String {
        switch self {
        case .invalidSpec(let message): "invalid machine spec: \(message)"
        case .system(let what, let code): "\(what): \(LaunchError.message(for: code))"
        case .command(let command, let output):
            output.isEmpty ? "\(command) failed" : "\(command) failed: \(output)"
        case .addressInUse(let what): "\(what) is already in use on this host"
        case .setupFailed(let message): "machine setup failed: \(message)"
        case .isolationUnavailable(let reason): "isolated mode is unavailable: \(reason)"
        case .notRunning(let id): "machine \(id) is not running"
        }
    }

    /// `strerror` text for an errno.
    static func message(for code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
