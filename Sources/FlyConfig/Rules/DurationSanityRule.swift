/// HG305: `kill_timeout` over 300 s (warning): the platform waits at most 5 minutes after the kill
/// signal before it kills the machine. (Bare numbers that flyctl reads as nanoseconds are reported
/// by the decoder as HG113, where the written form is still visible.)
struct DurationSanityRule: Rule {
    let codes = ["HG305"]
    let summary = "kill_timeout is at most 300s"

    static let killTimeoutLimit = FlyDuration.seconds(300)

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let timeout = context.config.killTimeout, timeout > Self.killTimeoutLimit else { return [] }
        return [
            context.warning(
                "HG305", "kill_timeout is \(timeout); the platform waits at most 5m0s before killing the machine",
                hint: "use kill_timeout = 300 or less", path: "kill_timeout")
        ]
    }
}
