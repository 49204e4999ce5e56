import Foundation
import Glibc
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// `--restart-unhealthy`: a machine whose HTTP check turns failing is restarted once the check has
/// been critical for the probe limit, through the normal stop and start, and only when the user
/// opted in.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorUnhealthyTests {
    static let app = """
        app = "wobbly"
        kill_timeout = "1s"

        [processes]
        app = "PY flaky.py"

        [[services]]
        internal_port = 8080
        protocol = "tcp"
        processes = ["app"]
        [[services.ports]]
        port = 80
        handlers = ["http"]
        [[services.http_checks]]
        interval = "500ms"
        timeout = "1s"
        grace_period = "1s"
        path = "/health"
        """

    /// Healthy until a file `sick` appears beside it; a fresh start removes the file (so a restart
    /// cures it). Appends its pid to `boots` on start and a line to `hits` per health probe.
    static let flaky = """
        import http.server, os
        if os.path.exists("sick"):
            os.remove("sick")
        with open("boots", "a") as f:
            f.write("%d\\n" % os.getpid())
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                with open("hits", "a") as f:
                    f.write("x\\n")
                code = 500 if os.path.exists("sick") else 200
                self.send_response(code)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            def log_message(self, *args):
                pass
        http.server.HTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
        """

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func aMachineWhoseCheckStaysCriticalIsRestartedWhenOptedIn() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.app, files: ["flaky.py": Self.flaky])
            let status = try await harness.up(.shared, restartUnhealthy: true)
            #expect(status.notes.contains { $0.contains("--restart-unhealthy") }, "\(status.notes)")
            #expect(try harness.store.app(named: "wobbly")?.restartUnhealthy == true)
            let machine = try #require(status.machines.first)
            let firstPID = try #require(try harness.store.machine(id: machine.id)?.pid)

            try "".write(toFile: harness.appDirectory + "/sick", atomically: true, encoding: .utf8)
            let restarted = await harness.eventually {
                let record = try harness.store.machine(id: machine.id)
                return Self.lines(harness.appDirectory + "/boots").count == 2 && record?.state == .started
                    && record?.pid != firstPID
            }
            #expect(restarted, "the unhealthy machine was restarted")
            let events = try await harness.supervisor.events(app: "wobbly", machine: machine.id, limit: 20)
            let stop = events.first { $0.type == "stop" && ($0.detail ?? "").contains("unhealthy") }
            #expect(stop?.detail?.contains("check http-8080-GET critical for 3 consecutive probes") == true, "\(events)")
            #expect(stop?.detail?.contains("HTTP 500") == true)
            #expect(events.contains { $0.type == "restart" })
            // The restart cured it: the check passes again.
            let healthy = await harness.eventuallyAsync {
                try await harness.supervisor.status(app: "wobbly").machines.first?.checks.map(\.status) == ["passing"]
            }
            #expect(healthy)
        }
    }

    @Test func withoutOptingInAFailingCheckOnlyReports() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.app, files: ["flaky.py": Self.flaky])
            let status = try await harness.up(.shared)
            #expect(try harness.store.app(named: "wobbly")?.restartUnhealthy == false)
            let machine = try #require(status.machines.first)
            let pid = try #require(try harness.store.machine(id: machine.id)?.pid)

            try "".write(toFile: harness.appDirectory + "/sick", atomically: true, encoding: .utf8)
            let before = Self.lines(harness.appDirectory + "/hits").count
            // Well past the probe limit: eight more probes, all failing.
            let probed = await harness.eventually { Self.lines(harness.appDirectory + "/hits").count >= before + 8 }
            #expect(probed)
            let critical = await harness.eventuallyAsync {
                try await harness.supervisor.status(app: "wobbly").machines.first?.checks.map(\.status) == ["critical"]
            }
            #expect(critical)
            #expect(try harness.store.machine(id: machine.id)?.pid == pid)
            #expect(Self.lines(harness.appDirectory + "/boots").count == 1)
        }
    }

    @Test func theSettingIsKeptByLaterUpsAndTurnedOffByNo() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.app, files: ["flaky.py": Self.flaky])
            _ = try await harness.up(.shared, restartUnhealthy: true)
            _ = try await harness.up(.shared)
            #expect(try harness.store.app(named: "wobbly")?.restartUnhealthy == true)
            _ = try await harness.up(.shared, restartUnhealthy: false)
            #expect(try harness.store.app(named: "wobbly")?.restartUnhealthy == false)
        }
    }
}
