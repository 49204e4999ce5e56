import Glibc

/// How a Machine's main process ended.
public enum ExitInfo: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The app exited by itself with this code.
    case exited(code: Int32)
    /// The app was killed by this signal.
    case signaled(signal: Int32)
    /// The memory limit's OOM killer ended it.
    case oomKilled
    /// A stop sent `kill_signal`, the app was still running after `kill_timeout`, and the tree was
    /// killed with SIGKILL.
    case killedAfterTimeout
    /// The command could not be started (not found, not executable, bad working directory).
    case execFailed(message: String)

    /// A success for the restart policy: only a zero exit code.
    public var isSuccess: Bool { self == .exited(code: 0) }

    /// The reason an event records, e.g. `exit code 3`, `signal SIGKILL`, `out of memory`.
    public var description: String {
        switch self {
        case .exited(let code): "exit code \(code)"
        case .signaled(let signal): "killed by signal \(Signals.name(of: signal))"
        case .oomKilled: "out of memory"
        case .killedAfterTimeout: "killed with SIGKILL after kill_timeout"
        case .execFailed(let message): "exec failed: \(message)"
        }
    }
}
