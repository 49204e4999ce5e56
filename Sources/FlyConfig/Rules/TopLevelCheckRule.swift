/// HG204, HG205, HG206: top-level `[checks.<name>]` need a valid type, an interval of at least 2 s and
/// a timeout of at most 60 s (flyctl: validation errors; the limits are the Machines API's).
struct TopLevelCheckRule: Rule {
    let codes = ["HG204", "HG205", "HG206"]
    let summary = "top-level checks: type http or tcp, interval >= 2s, timeout <= 60s"

    static let minimumInterval = FlyDuration.seconds(2)
    static let maximumTimeout = FlyDuration.seconds(60)

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (name, check) in context.config.sortedChecks {
            let path = "checks.\(ConfigPath.key(name))"
            if check.type != "http" && check.type != "tcp" {
                var hint = "add type = \"http\" (with path = \"/...\") or type = \"tcp\" to [\(path)]"
                if let type = check.type, ["http", "tcp"].contains(type.lowercased()) {
                    hint = "check types are lowercase: type = \"\(type.lowercased())\""
                } else if check.type != nil {
                    hint = "type must be \"http\" or \"tcp\""
                }
                result.append(
                    context.error(
                        "HG204",
                        "Can't process top level check '\(name)': Missing or invalid check type, must be 'http' or 'tcp'",
                        hint: hint, path: check.type == nil ? path : path + ".type"))
            }
            if let interval = check.interval, interval < Self.minimumInterval {
                result.append(
                    context.error(
                        "HG205", "Check '\(name)' interval is too short: \(interval), minimum is 2 seconds",
                        hint: "use interval = \"2s\" or more (a bare number here is milliseconds)",
                        path: path + ".interval"))
            }
            if let timeout = check.timeout, timeout > Self.maximumTimeout {
                result.append(
                    context.error(
                        "HG206", "Check '\(name)' timeout is too long: \(timeout), maximum is 60 seconds",
                        hint: "use timeout = \"60s\" or less (a bare number here is milliseconds)",
                        path: path + ".timeout"))
            }
        }
        return result
    }
}
