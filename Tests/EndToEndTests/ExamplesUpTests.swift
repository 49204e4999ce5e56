import Foundation
import Glibc
import Testing

/// The bundled examples run under `hangar up --detach` in isolated mode (each machine its own
/// network namespace and address), reached with real curl: checks pass, the sidecar is reached by
/// its `.internal` name, volume data survives `down` + `up` and a daemon killed with SIGKILL, and
/// the release command runs before the machines.
@Suite(.serialized, .enabled(if: getuid() == 0, "isolated machines need root"))
struct ExamplesUpTests {
    /// A copy of `examples/<name>` in a temporary directory, so runs never write into the repository.
    static func copyExample(_ name: String, into home: DaemonHome) throws -> String {
        let source = HangarBinary.repoRoot.appendingPathComponent("examples/\(name)").path
        let target = home.path + "/app-\(name)"
        try FileManager.default.copyItem(atPath: source, toPath: target)
        try? FileManager.default.removeItem(atPath: target + "/var")
        return target
    }

    static func curl(_ arguments: [String]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-m", "10"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        guard (try? process.run()) != nil else { return "" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func machines(_ home: DaemonHome, _ app: String) async throws -> [[String: Any]] {
        let run = try await home.run(["status", "-a", app, "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return object?["machines"] as? [[String: Any]] ?? []
    }

    static func machineIDs(_ machines: [[String: Any]]) -> [String] {
        machines.compactMap { $0["id"] as? String }.sorted()
    }

    static func address(_ machines: [[String: Any]], group: String) -> String {
        machines.first { $0["group"] as? String == group }?["address"] as? String ?? "0.0.0.0"
    }

    static func mcp(_ web: String, _ method: String, _ params: String) -> String {
        curl(["-X", "POST", "-H", "Content-Type: application/json", "--data",
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\(method)\",\"params\":\(params)}", "http://\(web):8080/mcp"])
    }

    @Test func mcpVectorComesUpAndKeepsItsVolume() async throws {
        try await DaemonHome.with { home in
            let dir = try Self.copyExample("mcp-vector", into: home)
            let up = try await home.run(["up", "--detach", "--mode", "isolated", "-c", dir])
            #expect(up.status == 0, "\(up.stdout)\(up.stderr)")

            var machines = try await Self.machines(home, "mcp-vector")
            #expect(Set(machines.compactMap { $0["group"] as? String }) == ["web", "vectordb"])
            #expect(machines.allSatisfy { $0["state"] as? String == "started" })
            let memory = Dictionary(machines.map { ($0["group"] as? String ?? "", $0["memoryMB"] as? Int ?? 0) }) { a, _ in a }
            #expect(memory == ["web": 256, "vectordb": 512])
            let checks = machines.flatMap { $0["checks"] as? [[String: Any]] ?? [] }
            #expect(checks.count == 2 && checks.allSatisfy { $0["status"] as? String == "passing" })

            let web = Self.address(machines, group: "web"), db = Self.address(machines, group: "vectordb")
            #expect(web.hasPrefix("169.254.") && db.hasPrefix("169.254.") && web != db)
            #expect(Self.curl(["http://\(web):8080/health"]).contains("ok"))
            #expect(Self.curl(["http://\(db):6333/health"]).contains("ok"))
            // web reaches its sidecar through vectordb.process.mcp-vector.internal.
            let remembered = Self.mcp(web, "tools/call", #"{"name":"remember","arguments":{"text":"bananas are rich in potassium"}}"#)
            #expect(remembered.contains("Remembered"), "\(remembered)")

            // down + up: the volume keeps the data.
            #expect(try await home.run(["down", "-a", "mcp-vector"]).status == 0)
            #expect(try await home.run(["up", "--detach", "-c", dir]).status == 0)
            machines = try await Self.machines(home, "mcp-vector")
            let before = Self.machineIDs(machines)
            #expect(Self.mcp(Self.address(machines, group: "web"), "tools/call", #"{"name":"search","arguments":{"query":"potassium"}}"#).contains("bananas"))

            // The daemon killed with SIGKILL: the next `up` re-adopts the same machines, data intact.
            let pid = try #require(home.daemonPID())
            kill(pid, SIGKILL)
            for _ in 0..<200 where DaemonHome.isAlive(pid) { try await Task.sleep(for: .milliseconds(25)) }
            #expect(try await home.run(["up", "--detach", "-c", dir]).status == 0)
            machines = try await Self.machines(home, "mcp-vector")
            #expect(Self.machineIDs(machines) == before)
            #expect(machines.count == 2)
            #expect(Self.mcp(Self.address(machines, group: "web"), "tools/call", #"{"name":"search","arguments":{"query":"potassium"}}"#).contains("bananas"))
        }
    }

    @Test func apiWorkerRunsItsReleaseCommandThenProcessesJobs() async throws {
        try await DaemonHome.with { home in
            let dir = try Self.copyExample("api-worker", into: home)
            let up = try await home.run(["up", "--detach", "--mode", "isolated", "-c", dir])
            #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
            #expect(up.stdout.contains("release_command `python3 migrate.py` succeeded"))
            let machines = try await Self.machines(home, "api-worker")
            #expect(Set(machines.compactMap { $0["group"] as? String }) == ["api", "worker"])
            #expect(machines.allSatisfy { $0["state"] as? String == "started" })
            let api = Self.address(machines, group: "api")
            let posted = Self.curl(["-H", "Content-Type: application/json", "--data",
                                    #"{"task":"wordcount","input":{"text":"to be or not to be"}}"#, "http://\(api):8080/jobs"])
            let id = (try? JSONSerialization.jsonObject(with: Data(posted.utf8)) as? [String: Any])?["id"] as? String ?? ""
            #expect(!id.isEmpty, "\(posted)")
            var finished = ""
            for _ in 0..<100 {
                finished = Self.curl(["http://\(api):8080/jobs/\(id)"])
                if finished.contains("succeeded") { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(finished.contains("succeeded"), "\(finished)")
        }
    }
}
