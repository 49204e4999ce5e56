extension Duration {
    /// Whole milliseconds, at least 0 and at most a day, for poll(2) and semaphores.
    var clampedMilliseconds: Int {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        if seconds >= 86_400 { return 86_400_000 }
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

extension ContinuousClock.Instant {
    /// Milliseconds from now until this instant (0 when it has passed).
    var millisecondsFromNow: Int {
        (self - ContinuousClock.now).clampedMilliseconds
    }
}
