import Foundation
import HangarRuntime
import HangarStore
import Testing
@testable import HangarAPI

@Suite struct ErrorMappingTests {
    @Test func controlErrorKindsMapToStatuses() {
        let expected: [(ControlError.Kind, Int)] = [
            (.invalid, 400), (.notFound, 404), (.conflict, 409), (.invalidConfig, 422), (.timeout, 504), (.failed, 500),
        ]
        for (kind, status) in expected {
            let error = APIError(ControlError(kind, "m"))
            #expect(error.status == status)
            #expect(error.kind == kind.rawValue)
            #expect(error.controlError == ControlError(kind, "m"))
        }
    }

    @Test func storeErrorsMapToStatuses() {
        #expect(APIError(StoreError(.invalidInput, "x")).status == 400)
        #expect(APIError(StoreError(.notFound, "x")).status == 404)
        #expect(APIError(StoreError(.conflict, "x")).status == 409)
        #expect(APIError(StoreError(.storage, "x")).status == 500)
        #expect(APIError(StoreError(.secretKey, "x")).status == 500)
    }

    @Test func errorBodyIsErrorAndKind() throws {
        let response = HTTPResponse.error(APIError(ControlError(.conflict, "machine is started")))
        guard case .bytes(let body) = response.body else {
            Issue.record("expected bytes")
            return
        }
        let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: String]
        #expect(object == ["error": "machine is started", "kind": "conflict"])
        #expect(response.status == 409)
    }

    @Test func everyKindTravelsThroughTheSocket() async throws {
        let server = try TestServer()
        defer { server.stop() }
        await server.runtime.seed(app: "demo")
        for kind in [ControlError.Kind.invalid, .notFound, .conflict, .invalidConfig, .timeout, .failed] {
            await server.runtime.fail(with: ControlError(kind, "because \(kind.rawValue)"))
            do {
                _ = try await server.client.status(app: "demo")
                Issue.record("expected \(kind)")
            } catch {
                guard case .api(let apiError) = error else {
                    Issue.record("transport error \(error)")
                    continue
                }
                #expect(apiError.status == APIError.status(for: kind))
                #expect(apiError.message == "because \(kind.rawValue)")
                #expect(error.kind == kind)
                #expect(error.exitCode == (kind == .invalid ? 2 : 1))
            }
        }
    }
}
