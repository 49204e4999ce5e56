import Foundation
import HangarRuntime
import Testing
@testable import HangarAPI

/// Every route through the real client, server and socket, against the fake runtime.
@Suite struct APIRoutesTests {
    @Test func appsUpStatusDown() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = server.client
        #expect(try await client.apps().isEmpty)
        let status = try await client.up(UpRequest(configPath: "/srv/demo/fly.toml", mode: .shared, waitTimeoutSeconds: 30), app: "demo")
        #expect(status.app == "demo")
        #expect(status.machines.map(\.state) == ["started"])
        #expect(try await client.apps().map(\.name) == ["demo"])
        #expect(try await client.status(app: "demo") == status)
        let raw: AppStatus = try await client.call("GET", "/v1/hangar/apps/demo")
        #expect(raw == status)
        let down = try await client.down(app: "demo")
        #expect(down.machines.map(\.state) == ["stopped"])
        #expect(await server.runtime.calls == ["up demo", "down demo"])
    }

    @Test func upTakesTheAppFromThePath() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let status = try await server.client.up(UpRequest(configPath: "/srv/x/fly.toml"), app: "from-path")
        #expect(status.app == "from-path")
        await #expect(throws: APIClientError.self) {
            _ = try await server.client.up(UpRequest(configPath: "/srv/x/fly.toml", appName: "other"), app: "from-path")
        }
    }

    @Test func upWithAnInvalidConfigIs422() async throws {
        let server = try TestServer()
        defer { server.stop() }
        do {
            _ = try await server.client.up(UpRequest(configPath: "/srv/broken.toml"), app: "demo")
            Issue.record("expected an error")
        } catch {
            guard case .api(let apiError) = error else { throw error }
            #expect(apiError.status == 422)
            #expect(apiError.kind == "invalid_config")
            #expect(error.exitCode == 1)
        }
    }

    @Test func machines() async throws {
        let server = try TestServer()
        defer { server.stop() }
        await server.runtime.seed(app: "demo", groups: ["app": 1, "worker": 1])
        let client = server.client
        let machines = try await client.machines(app: "demo")
        #expect(machines.map(\.group) == ["app", "worker"])
        let id = machines[0].id
        #expect(try await client.machine(app: "demo", id: id) == machines[0])
        #expect(try await client.machineAction(app: "demo", id: id, action: .stop).state == "stopped")
        #expect(try await client.machineAction(app: "demo", id: id, action: .start).state == "started")
        #expect(try await client.machineAction(app: "demo", id: id, action: .restart).state == "started")
        #expect(try await client.machineAction(app: "demo", id: id, action: .suspend).state == "suspended")
        #expect(try await client.machineAction(app: "demo", id: id, action: .destroy).state == "destroyed")
        #expect(try await client.machines(app: "demo").count == 1)
        let events = try await client.events(app: "demo", machine: id)
        #expect(events.map(\.type) == ["destroy", "suspend", "restart", "start", "stop"])
        await #expect(throws: APIClientError.self) { _ = try await client.machine(app: "demo", id: id) }
    }

    @Test func destroyingAStartedMachineIsAConflict() async throws {
        let server = try TestServer()
        defer { server.stop() }
        await server.runtime.seed(app: "demo")
        let id = try await server.client.machines(app: "demo")[0].id
        do {
            _ = try await server.client.machineAction(app: "demo", id: id, action: .destroy)
            Issue.record("expected a conflict")
        } catch {
            guard case .api(let apiError) = error else { throw error }
            #expect(apiError.status == 409)
        }
    }

    @Test func scale() async throws {
        let server = try TestServer()
        defer { server.stop() }
        await server.runtime.seed(app: "demo")
        let status = try await server.client.scale(app: "demo", counts: ["app": 3])
        #expect(status.machines.count == 3)
        #expect(await server.runtime.calls == ["scale demo app=3"])
    }

    @Test func secretsAreNeverEchoed() async throws {
        let server = try TestServer()
        defer { server.stop() }
        await server.runtime.seed(app: "demo")
        let response = try await server.client.send(
            "POST", "/v1/apps/demo/secrets", body: Array(#"{"values":{"DATABASE_URL":"postgres://s3cr3t-value"}}"#.utf8))
        #expect(response.status == 200)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("s3cr3t-value"))
        #expect(await server.runtime.secretValue(app: "demo", name: "DATABASE_URL") == "postgres://s3cr3t-value")
        let list = try await server.client.secrets(app: "demo")
        #expect(list.map(\.name) == ["DATABASE_URL"])
        _ = try await server.client.updateSecrets(app: "demo", values: ["OTHER": "x"], stage: false)
        #expect(try await server.client.unsetSecrets(app: "demo", names: ["OTHER"], stage: false).secrets.map(\.name) == ["DATABASE_URL"])
        let one = try await server.client.send("DELETE", "/v1/apps/demo/secrets/DATABASE_URL")
        #expect(one.status == 200)
        #expect(try await server.client.secrets(app: "demo").isEmpty)
    }

    @Test func volumes() async throws {
        let server = try TestServer()
        defer { server.stop() }
        await server.runtime.seed(app: "demo")
        let response = try await server.client.send("POST", "/v1/apps/demo/volumes", body: Array(#"{"name":"data"}"#.utf8))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("\"size_gb\":1"))
        let created = try await server.client.createVolume(app: "demo", name: "logs", sizeGB: 5)
        #expect(created.sizeGB == 5)
        #expect(try await server.client.volumes(app: "demo").map(\.name) == ["data", "logs"])
        #expect(await server.runtime.calls == ["createVolume demo data 1", "createVolume demo logs 5"])
    }

    @Test func recentLogsWithFilters() async throws {
        let server = try TestServer()
        defer { server.stop() }
        await server.runtime.seed(app: "demo")
        for index in 0..<5 {
            await server.runtime.emit(
                LogEntry(timestamp: "2026-11-22T14:00:0\(index)Z", source: "app", machine: index % 2 == 0 ? "00000000000001" : "00000000000002", group: index % 2 == 0 ? "app" : "worker", message: "line \(index)"))
        }
        #expect(try await server.client.logs(LogQuery(app: "demo", tail: 2)).map(\.message) == ["line 3", "line 4"])
        #expect(try await server.client.logs(LogQuery(app: "demo", machine: "00000000000002")).map(\.message) == ["line 1", "line 3"])
        #expect(try await server.client.logs(LogQuery(app: "demo", group: "app", tail: 100)).count == 3)
        let byProcess = try await server.client.send("GET", "/v1/hangar/apps/demo/logs?process=worker")
        #expect(String(decoding: byProcess.body, as: UTF8.self).contains("line 3"))
    }

    @Test func daemonInfo() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let info = try await server.client.daemonInfo()
        #expect(info.pid == getpid())
        #expect(info.home == server.directory.path)
    }
}
