import Foundation
import Testing
@testable import HangarExport

/// The examples' Nomad jobs, parsed by python-hcl2 (an independent HCL2 parser): group names,
/// counts, check intervals, restart attempts and the update block.
@Suite struct NomadExampleTests {
    /// The parsed jobs of both examples, from one python3 run.
    static func parsedJobs() throws -> [String: [String: Any]] {
        var files: [String: String] = [:]
        for name in ExportFixtures.examples { files["\(name).hcl"] = try ExportFixtures.renderExample(name, .nomad).text }
        let json = try PythonValidator.run("nomad", files: files)
        #expect(PythonValidator.errors(json).isEmpty, "\(PythonValidator.errors(json))")
        var jobs: [String: [String: Any]] = [:]
        for (file, result) in PythonValidator.files(json) {
            let job = ((result["job"] as? [String: Any])?["job"] as? [[String: Any]])?.first
            let name = String(file.dropLast(4))
            jobs[name] = job?[name] as? [String: Any]
        }
        return jobs
    }

    /// `group` blocks as name → body.
    static func groups(_ job: [String: Any]) -> [(String, [String: Any])] {
        ((job["group"] as? [[String: Any]]) ?? []).compactMap { entry in
            guard let (name, body) = entry.first, let b = body as? [String: Any] else { return nil }
            return (name, b)
        }
    }

    static func blocks(_ body: [String: Any], _ type: String) -> [[String: Any]] { (body[type] as? [[String: Any]]) ?? [] }

    static func checkIntervals(_ group: [String: Any]) -> [String] {
        blocks(group, "service").flatMap { blocks($0, "check") }.compactMap { $0["interval"] as? String }
    }

    @Test func apiWorker() throws {
        let job = try #require(try Self.parsedJobs()["api-worker"])
        #expect(job["type"] as? String == "service")
        let groups = Self.groups(job)
        #expect(groups.map(\.0) == ["api", "worker"])
        let api = try #require(groups.first { $0.0 == "api" }?.1)
        let worker = try #require(groups.first { $0.0 == "worker" }?.1)
        #expect(api["count"] as? Int == 3)
        #expect(worker["count"] as? Int == 2)
        // tcp_checks every 15s, http_checks every 30s; the worker's [checks.worker] every 30s.
        #expect(Self.checkIntervals(api) == ["15s", "30s"])
        #expect(Self.checkIntervals(worker) == ["30s"])
        // [[restart]] on-failure, retries = 5, for both groups.
        for group in [api, worker] {
            let restart = try #require(Self.blocks(group, "restart").first)
            #expect(restart["attempts"] as? Int == 5)
            #expect(restart["mode"] as? String == "fail")
            #expect(restart["interval"] as? String == "5m0s")
        }
        // rolling with max_unavailable = 1; wait_timeout unset (5m).
        let update = try #require(Self.blocks(api, "update").first)
        #expect(update["max_parallel"] as? Int == 1)
        #expect(update["health_check"] as? String == "checks")
        #expect(update["healthy_deadline"] as? String == "5m0s")
        #expect(update["progress_deadline"] as? String == "10m0s")
        #expect(update["canary"] == nil)
        // The release command is a prestart task of the first group.
        let tasks = Self.blocks(api, "task").compactMap { $0.first?.key }
        #expect(tasks == ["release", "api"])
        let release = try #require(Self.blocks(api, "task").first?["release"] as? [String: Any])
        let lifecycle = try #require(Self.blocks(release, "lifecycle").first)
        #expect(lifecycle["hook"] as? String == "prestart")
        #expect(lifecycle["sidecar"] as? Bool == false)
        let main = try #require(Self.blocks(api, "task").last?["api"] as? [String: Any])
        #expect(main["kill_signal"] as? String == "SIGTERM")
        #expect(main["kill_timeout"] as? String == "30s")
    }

    @Test func mcpVector() throws {
        let job = try #require(try Self.parsedJobs()["mcp-vector"])
        let groups = Self.groups(job)
        #expect(groups.map(\.0) == ["vectordb", "web"])
        let db = try #require(groups.first { $0.0 == "vectordb" }?.1)
        let web = try #require(groups.first { $0.0 == "web" }?.1)
        #expect(db["count"] as? Int == 1)
        #expect(web["count"] as? Int == 2)
        #expect(Self.checkIntervals(db) == ["15s"])
        #expect(Self.checkIntervals(web) == ["15s"])
        for group in [db, web] {
            // No [[restart]]: Fly's default, 10 retries.
            #expect(Self.blocks(group, "restart").first?["attempts"] as? Int == 10)
            let update = try #require(Self.blocks(group, "update").first)
            #expect(update["max_parallel"] as? Int == 1)
            #expect(update["healthy_deadline"] as? String == "5m0s")
        }
        // The volume: a host volume, one allocation per client, mounted at /data.
        let volume = try #require(Self.blocks(db, "volume").first?["vectors"] as? [String: Any])
        #expect(volume["type"] as? String == "host")
        #expect(Self.blocks(db, "constraint").first?["operator"] as? String == "distinct_hosts")
        let task = try #require(Self.blocks(db, "task").first?["vectordb"] as? [String: Any])
        #expect(Self.blocks(task, "volume_mount").first?["destination"] as? String == "/data")
        #expect(Self.blocks(task, "resources").first?["memory"] as? Int == 512)
        #expect(task["kill_timeout"] as? String == "10s")
    }
}
