import Foundation
@testable import HangarAPI
import Testing

/// docs/openapi.yaml describes exactly the routes the server has.
@Suite struct OpenAPIDocumentTests {
    static func normalized(_ route: String) -> String {
        route.replacingOccurrences(of: #"\{[^}]*\}"#, with: "{}", options: .regularExpression)
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let root = APILiveProcess.repositoryRoot
        let output = try await APILiveProcess.run(
            "/usr/bin/env",
            ["python3", root + "/Tests/HangarAPITests/Support/openapi_routes.py", root + "/docs/openapi.yaml", "/v1"])
        let documented = Set(output.split(separator: "\n").map(String.init))
        let served = Set(APIRoutes.table(runtime: FakeRuntime()).map(Self.normalized))
        #expect(!documented.isEmpty)
        #expect(served.subtracting(documented).sorted() == [], "routes the server has but docs/openapi.yaml lacks")
        #expect(documented.subtracting(served).sorted() == [], "routes docs/openapi.yaml has but the server lacks")
    }
}
