import Foundation
import Testing

/// `hangar config show`: the normalised config as JSON, legacy forms converted.
@Suite struct ConfigShowCommandTests {
    private var testdata: URL { HangarBinary.shared.appendingPathComponent("corpus/flyctl-testdata") }

    private func show(_ file: String) throws -> (HangarRun, [String: Any]) {
        let r = try HangarBinary.run(["config", "show", testdata.appendingPathComponent(file).path, "--json"])
        let object = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
        return (r, object)
    }

    @Test func legacyFormsAreConverted() throws {
        let (r, json) = try show("old-format.toml")
        #expect(r.status == 0)
        let build = json["build"] as? [String: Any]
        #expect(build?["build-target"] as? String == "thalayer")
        let services = json["services"] as? [[String: Any]] ?? []
        #expect(services.first?["internal_port"] as? Int == 8080)
        #expect(services.first?["auto_stop_machines"] as? String == "off")
        let tcp = services.first?["tcp_checks"] as? [[String: Any]] ?? []
        #expect(tcp.first?["interval"] as? String == "10s")
        #expect(json["process_groups"] as? [String] == ["app"])
        #expect(json["default_process_group"] as? String == "app")
        let mounts = json["mounts"] as? [[String: Any]] ?? []
        #expect(mounts.first?["source"] as? String == "data")
    }

    @Test func durationsAreGoCanonical() throws {
        let (r, json) = try show("full-reference.toml")
        #expect(r.status == 0)
        let deploy = json["deploy"] as? [String: Any]
        #expect(deploy?["release_command_timeout"] as? String == "3m0s")
        let http = json["http_service"] as? [String: Any]
        let checks = http?["checks"] as? [[String: Any]] ?? []
        #expect(checks.first?["interval"] as? String == "1m21s")
    }

    @Test func processGroupsAreSortedWithTheDefault() throws {
        let (_, json) = try show("processes-multi.toml")
        #expect(json["process_groups"] as? [String] == ["bar", "foo", "zzz"])
        #expect(json["default_process_group"] as? String == "bar")
    }

    @Test func degradedLoadExitsOneWithTheError() throws {
        let (r, _) = try show("always-invalid-v2.toml")
        #expect(r.status == 1)
        #expect(r.stderr.contains("Unknown type for service concurrency: int64"))
    }
}
