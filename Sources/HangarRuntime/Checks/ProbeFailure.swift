import Glibc

/// Why a blocking probe step did not complete.
enum ProbeFailure: Error, Equatable {
    /// The deadline passed during `phase` (`connecting`, `sending the request`, `waiting for the response`).
    case timedOut(phase: String)
    /// The probe's task was cancelled.
    case cancelled
    /// A system call failed.
    case system(operation: String, errno: Int32)
    /// The server closed the connection before answering.
    case closedBeforeResponse
    /// The server answered something that is not an HTTP/1.x response.
    case malformedResponse(String)
    /// The check cannot be sent as configured (bad header, method or address).
    case invalidRequest(String)

    /// The probe output for this failure, in the style Fly shows (`connect: connection refused`).
    func output(timeout: Duration) -> String {
        switch self {
        case .timedOut(let phase): "timeout after \(ProbeText.duration(timeout)) \(phase)"
        case .cancelled: "cancelled"
        case .system(let operation, let code): "\(operation): \(ProbeText.errorText(code))"
        case .closedBeforeResponse: "connection closed by the server before the response"
        case .malformedResponse(let detail): "malformed HTTP response: \(detail)"
        case .invalidRequest(let detail): detail
        }
    }
}
