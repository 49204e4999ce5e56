/// What a single probe saw, before the grace period turns it into a status.
public enum ProbeOutcome: Sendable, Equatable {
    /// The probe succeeded (TCP connected, HTTP answered 2xx).
    case succeeded(String)
    /// The probe failed; the text says why (`connect: connection refused`, `HTTP 500 ...`).
    case failed(String)
    /// The probe was cancelled before it concluded; it says nothing about the machine.
    case cancelled

    /// The human-readable output of the probe (empty when cancelled).
    public var output: String {
        switch self {
        case .succeeded(let text), .failed(let text): text
        case .cancelled: ""
        }
    }

    public var succeeded: Bool {
        if case .succeeded = self { return true }
        return false
    }
}
