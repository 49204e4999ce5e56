import Foundation
import HangarRuntime
import Testing
@testable import HangarAPI

/// Malformed or hostile input to the API gets a clear error with the right status, and changes
/// nothing: the fake runtime's whole state and its record of calls are the same afterwards.
@Suite struct HostileInputTests {
    func assertRefused(
        _ server: TestServer, _ method: String, _ target: String, body: String? = nil, status: Int, mentions: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = await server.runtime.snapshot()
        let callsBefore = await server.runtime.calls
        let response = try await server.client.send(method, target, body: body.map { Array($0.utf8) })
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == status, "\(method) \(target): \(text)", sourceLocation: sourceLocation)
        let error = try? APIJSON.decoder.decode(APIError.self, from: Data(response.body))
        #expect(error?.message.contains(mentions) == true, "\(text)", sourceLocation: sourceLocation)
        #expect(await server.runtime.snapshot() == before, sourceLocation: sourceLocation)
        #expect(await server.runtime.calls == callsBefore, sourceLocation: sourceLocation)
    }

    func seededServer() async throws -> (TestServer, String) {
        let server = try TestServer()
        await server.runtime.seed(app: "demo", groups: ["app": 1])
        _ = try await server.client.updateSecrets(app: "demo", values: ["KEEP": "v"], stage: false)
        let id = try await server.client.machines(app: "demo")[0].id
        return (server, id)
    }

    @Test func unknownAppsAndMachines() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        try await assertRefused(server, "GET", "/v1/hangar/apps/nope", status: 404, mentions: "nope")
        try await assertRefused(server, "POST", "/v1/hangar/apps/nope/down", status: 404, mentions: "nope")
        try await assertRefused(server, "POST", "/v1/hangar/apps/nope/scale", body: #"{"counts":{"app":2}}"#, status: 404, mentions: "nope")
        try await assertRefused(server, "POST", "/v1/apps/nope/secrets", body: #"{"values":{"A":"b"}}"#, status: 404, mentions: "nope")
        try await assertRefused(server, "POST", "/v1/apps/demo/machines/ffffffffffffff/stop", status: 404, mentions: "ffffffffffffff")
        try await assertRefused(server, "DELETE", "/v1/apps/demo/machines/ffffffffffffff", status: 404, mentions: "ffffffffffffff")
    }

    @Test func badMachineIDs() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        for id in ["123", "3D8D9A1C2E4F56", "3d8d9a1c2e4f5g", "3d8d9a1c2e4f567", "..", "%2e%2e%2fetc", "a%00b"] {
            try await assertRefused(server, "POST", "/v1/apps/demo/machines/\(id)/stop", status: 400, mentions: "machine id")
            try await assertRefused(server, "DELETE", "/v1/apps/demo/machines/\(id)", status: 400, mentions: "machine id")
        }
        try await assertRefused(server, "GET", "/v1/hangar/apps/demo/logs?machine=xyz", status: 400, mentions: "machine id")
    }

    @Test func badAppNames() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        for app in ["Demo", "-demo", "de_mo", "..", "%2e%2e", String(repeating: "a", count: 64), "d%20emo"] {
            try await assertRefused(server, "GET", "/v1/hangar/apps/\(app)", status: 400, mentions: "app name")
        }
    }

    @Test func badScaleSpecs() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: #"{"counts":{"app":-1}}"#, status: 400, mentions: "count")
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: #"{"counts":{"":3}}"#, status: 400, mentions: "process group")
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: #"{"counts":{"app":100000}}"#, status: 400, mentions: "count")
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: #"{"counts":{}}"#, status: 400, mentions: "no counts")
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: #"{"counts":{"app":"3"}}"#, status: 400, mentions: "wrong type")
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: #"{"counts":{"app":1.5}}"#, status: 400, mentions: "JSON")
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: #"{"count":{"app":3}}"#, status: 400, mentions: "missing field")
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: #"{"counts":"#, status: 400, mentions: "not valid JSON")
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: nil, status: 400, mentions: "empty")
        // A group the app does not define: the runtime's refusal, with nothing changed.
        try await assertRefused(server, "POST", "/v1/hangar/apps/demo/scale", body: #"{"counts":{"nothere":1}}"#, status: 400, mentions: "not defined")
    }

    @Test func badVolumeNamesAndSizes() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        for name in ["../etc", "data/../../x", "Data", "with space", "", String(repeating: "a", count: 31), "a\\u0000b"] {
            try await assertRefused(server, "POST", "/v1/apps/demo/volumes", body: #"{"name":"\#(name)"}"#, status: 400, mentions: "volume name")
        }
        try await assertRefused(server, "POST", "/v1/apps/demo/volumes", body: #"{"name":"data","size_gb":0}"#, status: 400, mentions: "size")
        try await assertRefused(server, "POST", "/v1/apps/demo/volumes", body: #"{"name":"data","size_gb":501}"#, status: 400, mentions: "size")
    }

    @Test func badSecrets() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        for name in ["A=B", "WITH SPACE", "1LEADING", "", "DASH-ED", "ÜMLAUT"] {
            let body = try String(decoding: JSONEncoder().encode(SecretsSetRequest(values: [name: "hidden-value"])), as: UTF8.self)
            let response = try await server.client.send("POST", "/v1/apps/demo/secrets", body: Array(body.utf8))
            #expect(response.status == 400, "\(name)")
            #expect(!String(decoding: response.body, as: UTF8.self).contains("hidden-value"))
        }
        try await assertRefused(server, "POST", "/v1/apps/demo/secrets", body: #"{"values":{"OK":"a\u0000b"}}"#, status: 400, mentions: "NUL")
        try await assertRefused(server, "POST", "/v1/apps/demo/secrets", body: #"{"values":{}}"#, status: 400, mentions: "no secrets")
        try await assertRefused(server, "DELETE", "/v1/apps/demo/secrets/BAD%20NAME", status: 400, mentions: "secret name")
        try await assertRefused(server, "DELETE", "/v1/apps/demo/secrets", body: #"{"names":["A=B"]}"#, status: 400, mentions: "secret name")
        try await assertRefused(server, "DELETE", "/v1/apps/demo/secrets", body: #"{"names":["MISSING"]}"#, status: 404, mentions: "MISSING")
        #expect(await server.runtime.secretValue(app: "demo", name: "KEEP") == "v")
    }

    @Test func badUpRequests() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        try await assertRefused(server, "POST", "/v1/hangar/apps/new/up", body: #"{"configPath":"relative/fly.toml","mode":"shared","waitTimeoutSeconds":5}"#, status: 400, mentions: "absolute")
        try await assertRefused(server, "POST", "/v1/hangar/apps/new/up", body: #"{"configPath":"/x/fly.toml","mode":"weird","waitTimeoutSeconds":5}"#, status: 400, mentions: "mode")
        try await assertRefused(server, "POST", "/v1/hangar/apps/new/up", body: #"{"configPath":"/x/fly.toml","mode":"auto","waitTimeoutSeconds":0}"#, status: 400, mentions: "waitTimeoutSeconds")
        try await assertRefused(server, "POST", "/v1/hangar/apps/new/up", body: "[]", status: 400, mentions: "up request")
    }

    @Test func badQueries() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        try await assertRefused(server, "GET", "/v1/hangar/apps/demo/logs?tail=-1", status: 400, mentions: "tail")
        try await assertRefused(server, "GET", "/v1/hangar/apps/demo/logs?tail=abc", status: 400, mentions: "tail")
        try await assertRefused(server, "GET", "/v1/hangar/apps/demo/logs?follow=maybe", status: 400, mentions: "follow")
        try await assertRefused(server, "GET", "/v1/hangar/apps/demo/logs?group=a%2Fb", status: 400, mentions: "process group")
    }

    @Test func malformedHTTPOnTheSocket() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        let before = await server.runtime.snapshot()
        let cases: [(String, Int)] = [
            ("garbage\r\n\r\n", 400),
            ("GET /v1/apps HTTP/9.9\r\n\r\n", 505),
            ("GET /v1/apps\r\n\r\n", 400),
            ("POST /v1/hangar/apps/demo/scale HTTP/1.1\r\nContent-Length: 50\r\n\r\n{\"counts\"", 400),
            ("POST /v1/hangar/apps/demo/scale HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 501),
            ("GET /v1/apps HTTP/1.1\r\nX: \u{0}\r\n\r\n", 400),
            ("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n", 400),
        ]
        for (text, status) in cases {
            let answer = try await server.raw(text)
            #expect(statusCodes(answer) == [status], "\(text.debugDescription): \(answer)")
            #expect(answer.contains("Connection: close"))
        }
        // Binary noise.
        var random = SplitMix(seed: 42)
        for _ in 0..<20 {
            let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) } + Array("\r\n\r\n".utf8)
            let answer = try await server.raw(bytes)
            #expect(statusCodes(answer).allSatisfy { $0 >= 400 }, "\(answer)")
        }
        #expect(await server.runtime.snapshot() == before)
        // The server still serves.
        #expect(try await server.client.status(app: "demo").app == "demo")
    }

    @Test func oversizedRequests() async throws {
        let (server, _) = try await seededServer()
        defer { server.stop() }
        let before = await server.runtime.snapshot()
        let values = String(repeating: "x", count: 1024 * 1024 + 10)
        let huge = #"{"values":{"BIG":""# + values + #""}}"#
        let answer = try await server.raw(
            "POST /v1/apps/demo/secrets HTTP/1.1\r\nContent-Length: \(huge.utf8.count)\r\n\r\n" + huge)
        #expect(statusCodes(answer) == [413])
        #expect(try await statusCodes(server.raw("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\n\r\n")) == [414])
        let headers = (0..<2000).map { "X-Filler-\($0): " + String(repeating: "v", count: 40) + "\r\n" }.joined()
        #expect(try await statusCodes(server.raw("GET /v1/apps HTTP/1.1\r\n" + headers + "\r\n")) == [431])
        #expect(await server.runtime.snapshot() == before)
        #expect(await server.runtime.secretValue(app: "demo", name: "BIG") == nil)
    }
}
