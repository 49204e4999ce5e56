import Foundation
import FlyConfig

/// The autostop pass interval the daemon runs with: `--autostop-interval`, else
/// `HANGAR_AUTOSTOP_INTERVAL`, else `SupervisorOptions.defaultAutostopInterval`. Either is a Go
/// duration (`5m`, `30s`, `500ms`), at least `SupervisorOptions.minimumAutostopInterval`.
public enum AutostopInterval {
    public static let environmentVariable = "HANGAR_AUTOSTOP_INTERVAL"

    /// A setting that cannot be used, with the message to print.
    public struct Invalid: Error, Sendable, Equatable {
        public let message: String
    }

    public static func resolve(flag: String?, environment: [String: String]) throws(Invalid) -> Duration {
        let origin: String
        let text: String
        if let flag {
            (origin, text) = ("--autostop-interval", flag)
        } else if let value = environment[environmentVariable], !value.isEmpty {
            (origin, text) = (environmentVariable, value)
        } else {
            return SupervisorOptions.defaultAutostopInterval
        }
        let parsed: FlyDuration
        do throws(DurationParseError) {
            parsed = try FlyDuration.parse(text.trimmingCharacters(in: .whitespaces))
        } catch {
            throw Invalid(
                message: "\(origin): \(text.debugDescription) is not a duration; use a Go duration such as 5m, 30s or 1s")
        }
        let interval = Duration.nanoseconds(parsed.nanoseconds)
        guard interval >= SupervisorOptions.minimumAutostopInterval else {
            throw Invalid(
                message: "\(origin): \(text.debugDescription) is too short; the autostop pass runs at most every "
                    + SupervisorOptions.minimumAutostopInterval.formatted)
        }
        return interval
    }
}
