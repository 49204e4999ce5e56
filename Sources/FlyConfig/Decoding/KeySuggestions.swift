/// "Did you mean" hints for unknown keys: known aliases and common mistakes first, then a
/// case-insensitive or `-`/`_` match, then a close spelling among the keys valid at that place, then
/// keys that belong to another section.
enum KeySuggestions {
    /// Misspellings and invented names seen in real fly.toml files.
    private static let aliases: [String: String] = [
        "http_services": "http_service",
        "httpservice": "http_service",
        "http": "http_service",
        "service": "services",
        "autostop": "auto_stop_machines",
        "auto_stop": "auto_stop_machines",
        "autostop_machines": "auto_stop_machines",
        "auto_stop_machine": "auto_stop_machines",
        "autostart": "auto_start_machines",
        "auto_start": "auto_start_machines",
        "autostart_machines": "auto_start_machines",
        "auto_start_machine": "auto_start_machines",
        "min_machines": "min_machines_running",
        "min_machine_running": "min_machines_running",
        "minimum_machines_running": "min_machines_running",
        "environment": "env",
        "envs": "env",
        "environment_variables": "env",
        "variables": "env",
        "check": "checks",
        "healthcheck": "checks",
        "healthchecks": "checks",
        "health_check": "checks",
        "health_checks": "checks",
        "static": "statics",
        "file": "files",
        "process": "processes",
        "restart_policy": "restart",
        "region": "primary_region",
        "cpu": "cpus",
        "cpu_type": "cpu_kind",
        "vm_size": "size",
        "memory_gb": "memory",
        "internalport": "internal_port",
        "forcehttps": "force_https",
        "docker_build_target": "build-target",
        "target": "build-target",
        "docker_file": "dockerfile",
        "dockerfile_path": "dockerfile",
        "volume": "mounts",
        "volumes": "mounts",
        "source_path": "source",
        "dest": "destination",
        "mount_path": "destination",
    ]

    /// Keys that are valid, but in another section.
    private static let elsewhere: [String: String] = [
        "strategy": "[deploy] strategy",
        "release_command": "[deploy] release_command",
        "max_unavailable": "[deploy] max_unavailable",
        "wait_timeout": "[deploy] wait_timeout",
        "dockerfile": "[build] dockerfile",
        "image": "[build] image",
        "builder": "[build] builder",
        "buildpacks": "[build] buildpacks",
        "internal_port": "[http_service] internal_port or [[services]] internal_port",
        "force_https": "[http_service] force_https or [[services.ports]] force_https",
        "auto_stop_machines": "[http_service] or [[services]] auto_stop_machines",
        "auto_start_machines": "[http_service] or [[services]] auto_start_machines",
        "min_machines_running": "[http_service] or [[services]] min_machines_running",
        "cmd": "[experimental] cmd or [processes]",
        "entrypoint": "[experimental] entrypoint",
        "memory": "[[vm]] memory",
        "memory_mb": "[[vm]] memory_mb",
        "cpus": "[[vm]] cpus",
        "cpu_kind": "[[vm]] cpu_kind",
        "size": "[[vm]] size",
        "soft_limit": "[http_service.concurrency] or [services.concurrency] soft_limit",
        "hard_limit": "[http_service.concurrency] or [services.concurrency] hard_limit",
        "handlers": "[[services.ports]] handlers",
        "port": "[[services.ports]] port",
        "kill_signal": "the top level (kill_signal)",
        "kill_timeout": "the top level (kill_timeout)",
        "primary_region": "the top level (primary_region)",
        "swap_size_mb": "the top level (swap_size_mb)",
        "host_dedication_id": "the top level or [[vm]] (host_dedication_id)",
        "interval": "a check ([[services.tcp_checks]], [[services.http_checks]], [[http_service.checks]] or [checks.<name>])",
        "timeout": "a check ([[services.tcp_checks]], [[services.http_checks]], [[http_service.checks]] or [checks.<name>])",
        "grace_period": "a check ([[services.tcp_checks]], [[services.http_checks]], [[http_service.checks]] or [checks.<name>])",
    ]

    /// Keys with a fixed explanation wherever they appear.
    private static let explained: [String: String] = [
        "regions": "fly.toml has no regions list; set primary_region and place Machines with `fly scale count --region`",
        "org": "the organization is not part of fly.toml; it is chosen when the app is created (`fly apps create --org`)",
        "restart_limit": "restart_limit is a legacy check setting flyctl ignores; restarts follow [[restart]]",
        "resources": "there is no resources section; size Machines with [[vm]] (size, memory, cpus)",
        "init": "the command a Machine runs comes from [processes] or [experimental] cmd/entrypoint/exec",
        "flycast": "Flycast is enabled by allocating a private address (`fly ips allocate-v6 --private`), not in fly.toml",
        "cpu_shares": "there is no cpu_shares; CPU is set with cpus and cpu_kind (or size)",
    ]

    static func hint(for key: String, in path: String, known: [String]) -> String? {
        if key == "max_machines_running" {
            return "there is no maximum setting; the number of Machines is set with `fly scale count`. Did you mean min_machines_running (Machines kept running when auto-stop is on)?"
        }
        if key == "http_checks" && !path.contains(".") && !path.contains("[") {
            return "there is no top-level http_checks (the JSON schema lists one); use [checks.<name>] with type = \"http\", or [[http_service.checks]]"
        }
        if let text = explained[key], !known.contains(key) {
            return text
        }
        if let target = aliases[key], known.contains(target) {
            return "did you mean \(target)?"
        }
        if let match = known.first(where: { $0.lowercased() == key.lowercased() }) {
            return "did you mean \(match)? keys are case-sensitive"
        }
        let normalised = normalise(key)
        if let match = known.first(where: { normalise($0) == normalised }) {
            return "did you mean \(match)?"
        }
        let scored = known.map { (key: $0, distance: distance(normalise($0), normalised)) }
            .filter { $0.distance <= max(1, min(3, normalised.count / 4)) }
            .sorted { $0.distance < $1.distance }
        if let best = scored.first {
            return "did you mean \(best.key)?"
        }
        if let place = elsewhere[key] {
            if place.hasPrefix("the top level") { return "\(key) belongs at the top level of fly.toml" }
            return "\(key) belongs in \(place)"
        }
        if let target = aliases[key] {
            return "did you mean \(target)? (in another section)"
        }
        return nil
    }

    private static func normalise(_ s: String) -> String {
        String(s.lowercased().map { $0 == "-" ? "_" : $0 })
    }

    /// Optimal string alignment distance (a transposition counts as one edit).
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
