import FlyConfig
import Glibc

/// Formatting shared by probe outputs.
enum ProbeText {
    /// `connection refused` for ECONNREFUSED: the C library's message with a lowercase initial,
    /// which is how Go (and so Fly's checker) spells these errors.
    static func errorText(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        let text = String(cString: message)
        guard let first = text.first else { return "error \(code)" }
        return first.lowercased() + text.dropFirst()
    }

    /// A configured duration (timeout, grace period) the way flyctl prints it: `2s`, `300ms`, `1m30s`.
    static func duration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue
            + attoseconds / 1_000_000_000
        return FlyDuration(nanoseconds: nanoseconds).description
    }

    /// A measured time, rounded for reading: `<1ms`, `3ms`, `2.4s`.
    static func elapsed(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds <= 0 { return "<1ms" }
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let tenths = milliseconds / 100
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
