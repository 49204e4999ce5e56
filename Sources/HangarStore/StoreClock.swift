import Foundation

/// Times are stored as integer milliseconds since 1970 (Fly's event timestamps use the same unit).
enum StoreClock {
    static func millis(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard value.isFinite, value > -9.0e15, value < 9.0e15 else { return 0 }
        return Int64(value)
    }

    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    /// Now, truncated to the millisecond so that what is returned equals what is read back.
    static func now() -> Date { date(millis(Date())) }
}
