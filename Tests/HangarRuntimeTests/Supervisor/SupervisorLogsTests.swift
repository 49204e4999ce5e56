import Foundation
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// Machine output reaches the machine's log, in Fly's fields, through `logs` and `followLogs`, and
/// keeps flowing while no supervisor runs.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorLogsTests {
    /// Counts on stdout every 50 ms, and says hello once on stderr.
    static let ticker = """
        import sys, time
        print("hello from stderr", file=sys.stderr, flush=True)
        n = 0
        while True:
            n += 1
            print("tick %d" % n, flush=True)
            time.sleep(0.05)
        """

    @Test func outputIsLoggedFollowedAndKeptAcrossADaemonRestart() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp("""
                app = "chatty"
                kill_timeout = "1s"
                [processes]
                app = "PY ticker.py"
                """, files: ["ticker.py": Self.ticker])
            let status = try await harness.up(.shared)
            let id = try #require(status.machines.first?.id)
            let supervisor = harness.supervisor
            var entries: [LogEntry] = []
            #expect(await harness.eventuallyAsync(timeout: .seconds(10)) {
                entries = try await supervisor.logs(LogQuery(app: "chatty", tail: 1000))
                return entries.contains { $0.message == "tick 3" }
            })
            let hello = try #require(entries.first { $0.message == "hello from stderr" })
            #expect(hello.source == "app" && hello.machine == id && hello.group == "app" && hello.region == "local")
            #expect(hello.level == "info")
            #expect(hello.timestamp.hasSuffix("Z") && hello.timestamp.count == 20)
            #expect(entries.contains { $0.source == "runner" && $0.message.hasPrefix("Machine started in") })

            // Following yields lines written after it began.
            let followed = try await supervisor.followLogs(LogQuery(app: "chatty", machine: id))
            var next: LogEntry?
            for await entry in followed where entry.message.hasPrefix("tick") {
                next = entry
                break
            }
            #expect(next?.machine == id)

            // While no supervisor runs, the machine keeps writing; the next one copies what it missed.
            await supervisor.detach()
            try await Task.sleep(for: .milliseconds(400))
            let restarted = harness.newSupervisor()
            #expect(await restarted.recover().adopted == [id])
            var ticks: [Int] = []
            #expect(await harness.eventuallyAsync(timeout: .seconds(10)) {
                ticks = try await restarted.logs(LogQuery(app: "chatty", tail: 10_000))
                    .compactMap { $0.message.hasPrefix("tick ") ? Int($0.message.dropFirst(5)) : nil }
                return ticks.count > 20
            })
            #expect(ticks == Array(1...ticks.count), "no line lost or repeated across the restart")
        }
    }
}

