/// HG305: durations that do not do what they say. `kill_timeout` over 300 s is capped by the
/// platform; a bare number in `deploy.wait_timeout`, `deploy.release_command_timeout`,
/// `http_service.checks[].*` and `machine_checks[].kill_timeout` is read by flyctl as
/// nanoseconds, which shows in the model as a duration under a millisecond (warnings).
struct DurationSanityRule: Rule {
    let codes = ["HG305"]
    let summary = "kill_timeout at most 300s; no sub-millisecond durations from bare numbers"

    static let killTimeoutLimit = FlyDuration.seconds(300)

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        var result: [Diagnostic] = []
        if let timeout = config.killTimeout, timeout > Self.killTimeoutLimit {
            result.append(
                context.warning(
                    "HG305", "kill_timeout is \(timeout); the platform waits at most 5m0s before killing the machine",
                    hint: "use kill_timeout = 300 or less", path: "kill_timeout"))
        }
        var candidates: [(path: String, value: FlyDuration?)] = [
            ("deploy.wait_timeout", config.deploy?.waitTimeout),
            ("deploy.release_command_timeout", config.deploy?.releaseCommandTimeout),
        ]
        for (j, check) in (config.httpService?.checks ?? []).enumerated() {
            let base = "http_service.checks[\(j)]"
            candidates += [
                (base + ".interval", check.interval), (base + ".timeout", check.timeout),
                (base + ".grace_period", check.gracePeriod),
            ]
        }
        for (base, checks) in Self.machineCheckLists(config) {
            for (j, check) in checks.enumerated() {
                candidates.append(("\(base)[\(j)].kill_timeout", check.killTimeout))
            }
        }
        for (path, value) in candidates {
            guard let value, value.nanoseconds > 0, value.nanoseconds < FlyDuration.millisecond else { continue }
            let key = path.split(separator: ".").last.map(String.init) ?? path
            result.append(
                context.warning(
                    "HG305",
                    "\(path) is \(value): a bare number here is read as nanoseconds",
                    hint: "write the unit: \(key) = \"\(value.nanoseconds)s\" (or \"\(value.nanoseconds)ms\")", path: path))
        }
        return result
    }

    static func machineCheckLists(_ config: AppConfig) -> [(String, [MachineCheck])] {
        var lists: [(String, [MachineCheck])] = [("machine_checks", config.machineChecks ?? [])]
        lists.append(("http_service.machine_checks", config.httpService?.machineChecks ?? []))
        for (i, service) in (config.services ?? []).enumerated() {
            lists.append(("services[\(i)].machine_checks", service.machineChecks ?? []))
        }
        return lists
    }
}
