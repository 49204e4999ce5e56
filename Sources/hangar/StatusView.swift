import HangarRuntime

/// How `hangar status` (and `up`, `down`, `scale`) show an app: an app block, then flyctl's machine
/// table (PROCESS, ID, VERSION, REGION, STATE, CHECKS, LAST UPDATED), then notes.
enum StatusView {
    static func render(_ status: AppStatus) -> String {
        let started = status.machines.filter { $0.state == "started" }.count
        var lines = [
            "App",
            "  Name     = \(TableRenderer.safe(status.app))",
            "  Mode     = \(status.mode.rawValue)",
            "  Machines = \(status.machines.count) (\(started) started)",
        ]
        if let release = status.release {
            lines.append("  Release  = v\(release.version) (\(TableRenderer.safe(release.description)), \(release.createdAt))")
        }
        if let deploy = status.deploy {
            lines.append(
                "  Deploy   = v\(deploy.release) \(deploy.status) (\(deploy.strategy)): \(TableRenderer.safe(deploy.step))")
        }
        lines.append("")
        if status.machines.isEmpty {
            lines.append("No machines are available on this app.")
        } else {
            lines.append("Machines")
            lines.append(machineTable(status.machines))
        }
        let exits = status.machines.compactMap { machine in machine.lastExit.map { (machine.id, $0) } }
        if !exits.isEmpty {
            lines.append("")
            for (id, exit) in exits where status.machines.first(where: { $0.id == id })?.state != "started" {
                lines.append("  \(id) last exit: \(TableRenderer.safe(exit))")
            }
        }
        for note in status.notes { lines.append("Note: \(TableRenderer.safe(note))") }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func machineTable(_ machines: [MachineStatus]) -> String {
        var table = TableRenderer(["Process", "ID", "Version", "Region", "State", "Checks", "Last Updated"])
        for machine in machines {
            table.add([
                machine.group, machine.id, machine.version, machine.region, machine.state, checksSummary(machine.checks),
                machine.updatedAt,
            ])
        }
        return table.render()
    }

    /// flyctl's CHECKS cell: `2 total, 1 passing, 1 critical` (empty without checks).
    static func checksSummary(_ checks: [MachineCheckStatus]) -> String {
        guard !checks.isEmpty else { return "" }
        var parts = ["\(checks.count) total"]
        for status in ["passing", "warning", "critical"] {
            let count = checks.filter { $0.status == status }.count
            if count > 0 { parts.append("\(count) \(status)") }
        }
        return parts.joined(separator: ", ")
    }

    /// One progress line for a machine: `app 3d8d9a1c2e4f56 started (1 total, 1 passing)`.
    static func progressLine(_ machine: MachineStatus) -> String {
        let checks = checksSummary(machine.checks)
        let exit = machine.state == "started" ? nil : machine.lastExit
        return "  \(machine.group) \(machine.id) \(machine.state)"
            + (checks.isEmpty ? "" : " (\(checks))") + (exit.map { ": \(TableRenderer.safe($0))" } ?? "")
    }
}
