/// HG221: service check durations the platform clamps (flyctl: warnings). Interval and timeout
/// under 1 s (including 0) are raised to 1 s, a non-zero grace period under 1 s likewise, and any of
/// them over 1 minute is lowered to 1 minute. Covers `tcp_checks`, `http_checks` and
/// `http_service.checks`.
struct ServiceCheckTimingRule: Rule {
    let codes = ["HG221"]
    let summary = "service check interval/timeout/grace_period within 1s-1m"

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for service in context.config.allServices {
            for (j, check) in (service.tcpChecks ?? []).enumerated() {
                let base = "\(service.configPath).tcp_checks[\(j)]"
                result += Self.review(check.interval, check.timeout, check.gracePeriod, "TCP", base, context)
            }
            let key = service.origin == .httpService ? "checks" : "http_checks"
            for (j, check) in (service.httpChecks ?? []).enumerated() {
                let base = "\(service.configPath).\(key)[\(j)]"
                result += Self.review(check.interval, check.timeout, check.gracePeriod, "HTTP", base, context)
            }
        }
        return result
    }

    private static func review(
        _ interval: FlyDuration?, _ timeout: FlyDuration?, _ grace: FlyDuration?, _ kind: String,
        _ base: String, _ context: RuleContext
    ) -> [Diagnostic] {
        [
            one(interval, zeroOK: false, kind, "an interval", base + ".interval", context),
            one(timeout, zeroOK: false, kind, "a timeout", base + ".timeout", context),
            one(grace, zeroOK: true, kind, "a grace period", base + ".grace_period", context),
        ].compactMap { $0 }
    }

    private static func one(
        _ value: FlyDuration?, zeroOK: Bool, _ kind: String, _ what: String, _ path: String, _ context: RuleContext
    ) -> Diagnostic? {
        guard let value else { return nil }
        let second = FlyDuration.seconds(1)
        let minute = FlyDuration.seconds(60)
        if value < second && !(zeroOK && value.nanoseconds == 0) {
            let phrase = zeroOK ? "\(what) that is non-zero and less than 1 second" : "\(what) less than 1 second"
            return context.warning(
                "HG221", "Service \(kind) check has \(phrase) (\(value)); this will be raised to 1 second",
                hint: "write a duration with a unit, e.g. \"1s\" or more", path: path)
        }
        if value > minute {
            return context.warning(
                "HG221", "Service \(kind) check has \(what) greater than 1 minute (\(value)); this will be lowered to 1 minute",
                hint: "use at most \"1m\"", path: path)
        }
        return nil
    }
}
