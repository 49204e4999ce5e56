import FlyConfig
import HangarCore

/// A check's durations as the runner uses them. A zero or negative interval or timeout (which the
/// config rules flag) falls back to the documented default, so a check can never spin.
public enum CheckTiming {
    public static func interval(_ spec: CheckSpec) -> Duration {
        positive(spec.interval) ?? duration(CheckSpec.defaultInterval)
    }

    public static func timeout(_ spec: CheckSpec) -> Duration {
        positive(spec.timeout) ?? duration(CheckSpec.defaultTimeout)
    }

    public static func gracePeriod(_ spec: CheckSpec) -> Duration {
        max(.zero, duration(spec.gracePeriod))
    }

    static func duration(_ value: FlyDuration) -> Duration {
        .nanoseconds(value.nanoseconds)
    }

    private static func positive(_ value: FlyDuration) -> Duration? {
        value.nanoseconds > 0 ? duration(value) : nil
    }
}
