import HangarRuntime

/// Why a call to the daemon failed.
public enum APIClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing answers on the socket (no file, or no daemon listening on it).
    case daemonNotRunning(socket: String)
    /// The connection failed, broke or timed out, or the answer was not HTTP or not the JSON expected.
    case transport(String)
    /// The daemon answered with an error status.
    case api(APIError)

    public var description: String {
        switch self {
        case .daemonNotRunning(let socket):
            "the hangar daemon is not running (nothing answers on \(socket)); start it with `hangar daemon` "
                + "or `hangar up`"
        case .transport(let message): message
        case .api(let error): error.message
        }
    }

    /// The runtime error kind this stands for (transport problems are `failed`).
    public var kind: ControlError.Kind {
        if case .api(let error) = self { return error.controlError.kind }
        return .failed
    }

    /// The CLI's exit status: 2 when the request itself was wrong (`invalid`), else 1.
    public var exitCode: Int32 { kind == .invalid ? 2 : 1 }
}
