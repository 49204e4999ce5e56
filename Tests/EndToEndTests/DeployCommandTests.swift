import Foundation
import Glibc
import Testing

/// `hangar deploy`, `releases` and `status` on a copy of examples/api-worker, through the daemon:
/// a changed file makes a release that every machine ends on; unchanged files deploy nothing.
@Suite(.serialized, .enabled(if: getuid() == 0, "isolated machines need root"))
struct DeployCommandTests {
    @Test func deployReplacesEveryMachineWithTheNewRelease() async throws {
        try await DaemonHome.with { home in
            let dir = try ExamplesUpTests.copyExample("api-worker", into: home)
            let up = try await home.run(["up", "--detach", "--mode", "isolated", "-c", dir])
            #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
            let before = try await ExamplesUpTests.machines(home, "api-worker")
            let versions = Dictionary(before.map { ($0["id"] as? String ?? "", $0["version"] as? String ?? "") }) { a, _ in a }

            let api = dir + "/api.py"
            let text = try String(contentsOfFile: api, encoding: .utf8)
            try (text + "\n# a change for the next release\n").write(toFile: api, atomically: true, encoding: .utf8)
            let deploy = try await home.run(["deploy", "-c", dir, "--wait-timeout", "3m"])
            #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
            #expect(deploy.stderr.contains("deployed"))

            let after = try await ExamplesUpTests.machines(home, "api-worker")
            #expect(Set(after.compactMap { $0["id"] as? String }) == Set(versions.keys))
            for machine in after {
                let id = machine["id"] as? String ?? ""
                #expect(machine["state"] as? String == "started")
                #expect(machine["version"] as? String != versions[id], "machine \(id) kept its version")
            }
            let web = ExamplesUpTests.address(after, group: "api")
            #expect(ExamplesUpTests.curl(["http://\(web):8080/health"]).contains("ok"))

            let releases = try await home.run(["releases", "-a", "api-worker", "--json"])
            let list = try JSONSerialization.jsonObject(with: Data(releases.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(list.first?["status"] as? String == "complete")
            #expect(list.first?["description"] as? String == "deploy")
            let table = try await home.run(["releases", "-a", "api-worker"])
            #expect(table.stdout.contains("VERSION") || table.stdout.contains("Version"))

            let status = try await home.run(["status", "-a", "api-worker"])
            #expect(status.stdout.contains("Release  = v\(list.first?["version"] as? Int ?? 0)"))

            let again = try await home.run(["deploy", "-c", dir])
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
            #expect(again.stderr.contains("Nothing to deploy"))
            #expect(try await home.run(["down", "-a", "api-worker"]).status == 0)
        }
    }
}
