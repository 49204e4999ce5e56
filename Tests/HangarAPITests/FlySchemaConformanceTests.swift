import Foundation
@testable import HangarAPI
import Testing

/// Real request and response bodies of a live daemon validate against Fly's own OpenAPI document
/// (and against docs/openapi.yaml).
@Suite(.serialized) struct FlySchemaConformanceTests {
    struct Case: Encodable {
        var label: String
        var schema: String
        var body: JSONValue
    }

    /// Any JSON, decoded from a body, re-encoded for the validator.
    enum JSONValue: Codable {
        case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSONValue].self)) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .number(let value):
                if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
            case .string(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }

        static func parse(_ text: String) throws -> JSONValue {
            try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        }
    }

    final class Collector: @unchecked Sendable {
        var fly: [Case] = []
        var own: [Case] = []
        let daemon: APILiveDaemon

        init(_ daemon: APILiveDaemon) { self.daemon = daemon }

        /// Sends the request, expects `status`, and records the request body under `request` and
        /// the response under `response` (Fly's schema name, and ours when they differ).
        @discardableResult
        func exchange(
            _ method: String, _ path: String, json: String? = nil, request: String? = nil, status: Int = 200,
            response: String?, own ownResponse: String? = nil, onlyOurs: Bool = false
        ) async throws -> String {
            let (code, body) = try await daemon.send(method, path, json: json)
            #expect(code == status, "\(method) \(path): \(body)")
            if let request, let json {
                if !onlyOurs { fly.append(Case(label: "request \(method) \(path)", schema: request, body: try .parse(json))) }
                own.append(Case(label: "request \(method) \(path)", schema: request, body: try .parse(json)))
            }
            if let response {
                fly.append(Case(label: "\(method) \(path) \(code)", schema: response, body: try .parse(body)))
            }
            if let schema = ownResponse ?? response {
                own.append(Case(label: "\(method) \(path) \(code)", schema: schema, body: try .parse(body)))
            }
            return body
        }

        func validate(_ cases: [Case], against document: String) async throws -> String {
            let file = daemon.directory.path + "/cases-\(UUID().uuidString).json"
            try JSONEncoder().encode(cases).write(to: URL(fileURLWithPath: file))
            return try await APILiveProcess.run(
                "/usr/bin/env",
                ["python3", APILiveProcess.repositoryRoot + "/Tests/HangarAPITests/Support/validate_schema.py", document, file])
        }
    }

    static let flyDocument = "/work/shared/reference/schemas/fly-machines-openapi.yaml"

    @Test func liveBodiesValidateAgainstFlysSchemas() async throws {
        let flyDocument = ProcessInfo.processInfo.environment["FLY_OPENAPI"] ?? Self.flyDocument
        try #require(FileManager.default.fileExists(atPath: flyDocument), "Fly's OpenAPI document is missing: \(flyDocument)")
        try await APILiveDaemon.run { daemon in
            let status = try await daemon.up()
            let id = try #require(status.machines.first?.id)
            let app = APILiveDaemon.app
            let c = Collector(daemon)
            try await c.exchange("GET", "/v1/apps", response: "ListAppsResponse")
            try await c.exchange("GET", "/v1/apps/\(app)", response: "App")
            try await c.exchange(
                "POST", "/v1/apps", json: #"{"app_name": "apilive-other", "org_slug": "personal"}"#, request: "CreateAppRequest",
                status: 201, response: "App")
            try await c.exchange("GET", "/v1/apps/\(app)/machines", response: "[Machine]")
            try await c.exchange("GET", "/v1/apps/\(app)/machines/\(id)", response: "Machine")
            try await c.exchange("GET", "/v1/apps/\(app)/machines/\(id)/events", response: "[MachineEvent]")
            try await c.exchange(
                "POST", "/v1/apps/\(app)/machines/\(id)/stop", json: #"{"signal": "SIGTERM", "timeout": "5s"}"#,
                request: "StopRequest", response: nil, own: "OK")
            try await c.exchange("GET", "/v1/apps/\(app)/machines/\(id)/wait?state=stopped&timeout=60", response: nil, own: "OK")
            try await c.exchange("POST", "/v1/apps/\(app)/machines/\(id)/start", response: nil, own: "OK")
            try await c.exchange("GET", "/v1/apps/\(app)/machines/\(id)/wait?state=started&timeout=60", response: nil, own: "OK")
            try await c.exchange(
                "POST", "/v1/apps/\(app)/machines", json: #"{"config": {"metadata": {"fly_process_group": "web"}}}"#,
                request: "CreateMachineRequest", response: "Machine")
            let volume = try await c.exchange(
                "POST", "/v1/apps/\(app)/volumes", json: #"{"name": "data", "size_gb": 1, "region": "local"}"#,
                request: "CreateVolumeRequest", response: "Volume")
            let volumeID = try #require(try JSONDecoder().decode(FlyVolume.self, from: Data(volume.utf8)).id as String?)
            try await c.exchange("GET", "/v1/apps/\(app)/volumes", response: "[Volume]")
            try await c.exchange("GET", "/v1/apps/\(app)/volumes/\(volumeID)", response: "Volume")
            try await c.exchange(
                "PUT", "/v1/apps/\(app)/volumes/\(volumeID)/extend", json: #"{"size_gb": 2}"#, request: "ExtendVolumeRequest",
                response: "ExtendVolumeResponse")
            try await c.exchange("DELETE", "/v1/apps/\(app)/volumes/\(volumeID)", response: "Volume")
            // Errors carry Fly's ErrorResponse shape.
            try await c.exchange("GET", "/v1/apps/nosuchapp", status: 404, response: "ErrorResponse")
            try await c.exchange("GET", "/v1/apps/\(app)/machines/00000000000000", status: 404, response: "ErrorResponse")
            try await c.exchange("POST", "/v1/apps", json: "{not json", status: 400, response: "ErrorResponse")
            // Secrets are Hangar's own shapes (Fly's document has no secrets endpoints).
            try await c.exchange(
                "POST", "/v1/apps/\(app)/secrets?stage=1", json: #"{"values": {"CONFORMANCE": "value"}}"#,
                request: "SecretsUpdateRequest", response: nil, own: "SecretsUpdateResponse", onlyOurs: true)
            try await c.exchange("GET", "/v1/apps/\(app)/secrets", response: nil, own: "AppSecrets")
            try await c.exchange("GET", "/v1/hangar/apps/\(app)/scale", response: nil, own: "[GroupScale]")
            try await c.exchange("GET", "/v1/hangar/apps/\(app)", response: nil, own: "AppStatus")

            let flyResult = try await c.validate(c.fly, against: flyDocument)
            #expect(flyResult.contains("0 failures"), "\(flyResult)")
            let ownResult = try await c.validate(c.own, against: APILiveProcess.repositoryRoot + "/docs/openapi.yaml")
            #expect(ownResult.contains("0 failures"), "\(ownResult)")
        }
    }
}
