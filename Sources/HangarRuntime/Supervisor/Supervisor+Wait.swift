import Foundation
import HangarCore
import HangarStore

extension Supervisor {
    /// Where one machine stands for `up`.
    enum Readiness: Equatable {
        /// Started, every check passing.
        case ready
        /// Not yet: what it is waiting for.
        case waiting(String)
        /// Will not get there by waiting: why.
        case failed(String)
    }

    /// Waits until every machine is started with its checks passing. Throws `.failed` at once when
    /// one fails, stops for good or crash-loops (naming it, with its exit and last log lines), and
    /// `.timeout` when `timeout` passes first. Machines keep running either way.
    func awaitReady(app: String, machines ids: [String], timeout: Duration, what: String) async throws(ControlError) {
        let deadline = ContinuousClock.now + timeout
        while true {
            guard !detached else { throw ControlError(.conflict, "the supervisor is shutting down") }
            var waiting: [(id: String, text: String)] = []
            for id in ids {
                guard let record = try? store.machine(id: id) else { continue }
                switch readiness(record, what: what) {
                case .ready: continue
                case .waiting(let text): waiting.append((id, text))
                case .failed(let text):
                    throw ControlError(.failed, await failureMessage(what: what, record: record, problem: text))
                }
            }
            if waiting.isEmpty { return }
            if ContinuousClock.now >= deadline {
                var lines = ["\(what) timed out after \(timeout.formatted); not ready:"]
                for item in waiting { lines.append("  " + item.text) }
                if let first = waiting.first, let hint = await sharedPortHint(first.id) { lines.append(hint) }
                lines.append("the machines keep running; see `hangar status` and `hangar logs`")
                throw ControlError(.timeout, lines.joined(separator: "\n"))
            }
            try? await Task.sleep(for: options.pollInterval)
        }
    }

    func readiness(_ record: MachineRecord, what: String) -> Readiness {
        let label = "machine \(record.id) (\(record.group))"
        let entry = machines[record.id]
        let lastExit = record.exit?.reason ?? "no exit recorded"
        switch record.state {
        case .destroyed, .replaced:
            return .ready
        case .failed:
            return .failed("\(label) failed: \(lastExit)")
        default:
            break
        }
        // Autostop took it down on purpose: that is where an idle machine belongs.
        if let entry, entry.autostopped, !entry.isRunning || entry.suspended,
            record.state == .stopped || record.state == .suspended
        {
            return .ready
        }
        if let entry, entry.crashes >= options.upCrashLimit {
            return .failed(
                "\(label) is crash-looping: it exited \(entry.crashes) times since \(what) began (last: \(lastExit)); "
                    + "it keeps being restarted per its restart policy")
        }
        if record.state == .started, let entry, entry.isRunning, !entry.suspended {
            let expected = MachineCheckPlan.checks(record.spec, sharedPort: entry.port).count
            let settled = entry.startedAt.map { $0.duration(to: .now) >= options.minimumUptime } ?? true
            if entry.checksPassing(expected: expected) {
                return settled ? .ready : .waiting("\(label) has just started")
            }
            let summary = MachineChecks(entry.checkStates).summary
            let failing = entry.checkStates.filter { $0.status != .passing }
                .map { "\($0.name): \($0.result.output)" }.joined(separator: "; ")
            return .waiting("\(label): checks \(summary.isEmpty ? "not started" : summary)\(failing.isEmpty ? "" : ": " + failing)")
        }
        let restarting = entry?.pendingRestart != nil && entry?.wanted == true
        if record.state == .stopped || record.state == .created, !restarting, entry?.isRunning != true {
            return .failed("\(label) stopped: \(lastExit)")
        }
        return .waiting("\(label) is \(record.state.rawValue)\(restarting ? " (restarting after \(lastExit))" : "")")
    }

    /// The error text of a failed `up`: the machine, why, its last log lines, and a hint when shared
    /// mode is the likely cause.
    func failureMessage(what: String, record: MachineRecord, problem: String) async -> String {
        var lines = ["\(what) failed: \(problem)"]
        let filter = LogFilter(machineIDs: [record.id])
        let tail = ((try? LogReader(directory: logDirectory).tail(options.failureLogLines * 5, filter: filter)) ?? [])
            .filter { $0.source == .app }.suffix(options.failureLogLines).map(\.message)
        if !tail.isEmpty {
            lines.append("last log lines of machine \(record.id):")
            lines += tail.map { "  " + $0 }
        }
        if mode(of: record) == .shared,
            tail.contains(where: { $0.localizedCaseInsensitiveContains("address already in use") })
        {
            lines.append(
                "hint: in shared mode machines share the host network and each gets its own $PORT; an app that "
                    + "listens on a fixed port instead of $PORT can run only one machine per port")
        } else if let hint = await sharedPortHint(record.id) {
            lines.append(hint)
        }
        let others = ((try? store.machines(app: record.app)) ?? []).filter { $0.id != record.id && $0.state == .started }
        if !others.isEmpty {
            lines.append("the app's other \(others.count) started machine(s) keep running")
        }
        return lines.joined(separator: "\n")
    }

    /// In shared mode, a machine that does not answer on `$PORT` while something answers on the
    /// port `$PORT` stands for most likely ignores `$PORT`: say so.
    func sharedPortHint(_ id: String) async -> String? {
        guard let entry = machines[id], let port = entry.port, entry.isRunning,
            let record = try? store.machine(id: id), let mapped = MachineCheckPlan.mappedPort(record.spec),
            mapped != port
        else { return nil }
        let onPort = await TCPProbe(address: "127.0.0.1", port: port, timeout: .seconds(1)).run()
        guard !onPort.succeeded else { return nil }
        let onMapped = await TCPProbe(address: "127.0.0.1", port: mapped, timeout: .seconds(1)).run()
        guard onMapped.succeeded else { return nil }
        return "hint: machine \(id) does not listen on $PORT (\(port)), but something listens on internal_port "
            + "\(mapped): in shared mode the app must listen on $PORT"
    }
}
