import Foundation
import Testing
@testable import HangarAPI

@Suite struct RouterTests {
    let router = Router(
        routes: [
            Route("GET", "/v1/apps/{app}") { context in .json(["app": context.parameter("app")]) },
            Route("DELETE", "/v1/apps/{app}") { _ in .json(["deleted": true]) },
            Route("GET", "/v1/apps/{app}/machines/{id}") { context in
                .json(["id": context.parameter("id"), "q": context.query["q"] ?? ""])
            },
        ],
        validators: ["app": { RequestRules.app($0) }, "id": { RequestRules.machineID($0) }])

    func handle(_ method: String, _ target: String) async -> (Int, String, HTTPHeaders) {
        let response = await router.handle(HTTPRequest(method: method, target: target))
        guard case .bytes(let body) = response.body else { return (response.status, "", response.headers) }
        return (response.status, String(decoding: body, as: UTF8.self), response.headers)
    }

    @Test func matchesAndDecodesParameters() async {
        let (status, body, _) = await handle("GET", "/v1/apps/demo/machines/3d8d9a1c2e4f56?q=a%20b")
        #expect(status == 200)
        #expect(body.contains("\"id\":\"3d8d9a1c2e4f56\""))
        #expect(body.contains("\"q\":\"a b\""))
        #expect(await handle("GET", "/v1/apps/demo/").0 == 200)
    }

    @Test func unknownPathsAre404() async {
        for target in ["/", "/v1", "/v1/apps/demo/nothing", "/v2/apps/demo", "/v1/apps/demo/machines/3d8d9a1c2e4f56/x"] {
            let (status, body, _) = await handle("GET", target)
            #expect(status == 404, "\(target)")
            #expect(body.contains("\"kind\":\"not_found\""))
        }
    }

    @Test func wrongMethodsAre405WithAllow() async {
        let (status, body, headers) = await handle("POST", "/v1/apps/demo")
        #expect(status == 405)
        #expect(headers["Allow"] == "GET, DELETE")
        #expect(body.contains("method_not_allowed"))
    }

    @Test func badParametersAre400BeforeTheHandler() async {
        for target in [
            "/v1/apps/Demo", "/v1/apps/..", "/v1/apps/a%2Fb", "/v1/apps/-x", "/v1/apps/demo/machines/123",
            "/v1/apps/demo/machines/3D8D9A1C2E4F56", "/v1/apps/demo/machines/..%2F..%2Fetc", "/v1/apps//machines/3d8d9a1c2e4f56",
        ] {
            let (status, body, _) = await handle("GET", target)
            #expect(status == 400, "\(target)")
            #expect(body.contains("\"kind\":\"invalid\""), "\(target)")
        }
    }

    @Test func malformedEscapesAre400() async {
        #expect(await handle("GET", "/v1/apps/de%zzmo").0 == 400)
        #expect(await handle("GET", "/v1/apps/demo/machines/3d8d9a1c2e4f56?q=%").0 == 400)
        #expect(await handle("GET", "/v1/apps/%ff").0 == 400)
    }

    @Test func percentEncodingRoundTrips() {
        for text in ["plain", "a b", "../x", "ü=&?#/%", ""] {
            #expect(PercentEncoding.decode(PercentEncoding.encode(text)) == text)
        }
        #expect(PercentEncoding.decode("a+b", plusIsSpace: true) == "a b")
        #expect(PercentEncoding.decode("%4") == nil)
    }

    @Test func everyDocumentedRouteExists() async {
        let table = APIRoutes.table(runtime: FakeRuntime())
        for route in [
            "GET /v1/apps", "POST /v1/hangar/apps/{app}/up", "POST /v1/hangar/apps/{app}/down", "GET /v1/hangar/apps/{app}",
            "GET /v1/apps/{app}/machines", "GET /v1/apps/{app}/machines/{id}", "POST /v1/apps/{app}/machines/{id}/start",
            "POST /v1/apps/{app}/machines/{id}/stop", "POST /v1/apps/{app}/machines/{id}/restart",
            "POST /v1/apps/{app}/machines/{id}/suspend", "DELETE /v1/apps/{app}/machines/{id}",
            "GET /v1/apps/{app}/machines/{id}/events", "POST /v1/hangar/apps/{app}/scale", "GET /v1/apps/{app}/secrets",
            "POST /v1/apps/{app}/secrets", "DELETE /v1/apps/{app}/secrets", "GET /v1/apps/{app}/volumes",
            "POST /v1/apps/{app}/volumes", "GET /v1/hangar/apps/{app}/logs", "GET /v1/hangar/daemon",
        ] {
            #expect(table.contains(route), "\(route)")
        }
        #expect(Set(table).count == table.count)
    }
}
