import Foundation
import HangarCore
import HangarStore
import Testing
@testable import HangarRuntime

/// `[deploy] release_command` runs once per new release, before machines change, as `fly deploy`
/// runs it; a failing one stops `up` and creates nothing.
@Suite(.enabled(if: TestHost.python != nil, "python3 is not installed"))
struct SupervisorReleaseTests {
    static func app(_ release: String) -> String {
        """
        app = "release-app"
        kill_timeout = "2s"

        [env]
        FROM_ENV = "yes"

        [deploy]
        release_command = "\(release)"

        [processes]
        worker = "PY worker.py"
        """
    }

    /// Appends one line per run to `runs.txt` with what the release machine saw.
    static let migrate = """
        import os
        with open("runs.txt", "a") as f:
            f.write("%s %s %s\\n" % (os.environ.get("RELEASE_COMMAND"), os.environ.get("FLY_PROCESS_GROUP"), os.environ.get("FROM_ENV")))
        """

    @Test func runsOncePerReleaseWithFlysEnvironment() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.app("PY migrate.py"), files: ["worker.py": AppScripts.worker, "migrate.py": Self.migrate])
            let first = try await harness.up(.shared)
            #expect(first.machines.allSatisfy { $0.state == "started" })
            let runs = harness.appDirectory + "/runs.txt"
            #expect((try? String(contentsOfFile: runs, encoding: .utf8)) == "1 fly_app_release_command yes\n")
            // The same config again: no new release, no second run.
            _ = try await harness.up(.shared)
            #expect((try? String(contentsOfFile: runs, encoding: .utf8))?.split(separator: "\n").count == 1)
            #expect(try harness.store.releases(app: "release-app").map(\.status) == [.complete])
        }
    }

    @Test func failureStopsUpAndChangesNothing() async throws {
        try await SupervisorHarness.run { harness in
            try harness.writeApp(Self.app("sh -c 'echo migration broke; exit 3'"), files: ["worker.py": AppScripts.worker])
            do throws(ControlError) {
                _ = try await harness.up(.shared)
                Issue.record("up should fail when the release command fails")
            } catch {
                #expect(error.kind == .failed)
                #expect(error.message.contains("release_command"))
                #expect(error.message.contains("exit code 3"))
                #expect(error.message.contains("migration broke"))
            }
            #expect(try harness.machines("release-app").isEmpty)
            #expect(try harness.store.releases(app: "release-app").map(\.status) == [.failed])
        }
    }
}
