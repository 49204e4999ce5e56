import HangarAPI
import HangarRuntime

/// The API client's calls for deploys, releases and rollbacks.
extension APIClient {
    /// Waits as long as the deploy may: every batch its wait timeout, plus the release command.
    func deploy(_ request: DeployRequest, app: String) async throws(APIClientError) -> DeployResult {
        try await call(
            "POST", DeployPaths.app(app, "deploys"), body: request,
            timeout: .seconds(request.detach ? 600 : 86_400))
    }

    func deploys(app: String) async throws(APIClientError) -> [DeploySummary] {
        try await call("GET", DeployPaths.app(app, "deploys"))
    }

    func releases(app: String) async throws(APIClientError) -> [ReleaseSummary] {
        try await call("GET", DeployPaths.app(app, "releases"))
    }

    func rollback(app: String, request: RollbackRequest) async throws(APIClientError) -> DeployResult {
        try await call("POST", DeployPaths.app(app, "rollback"), body: request, timeout: .seconds(86_400))
    }
}

/// `/v1/hangar/apps/{app}/...`, with the app percent-encoded.
enum DeployPaths {
    static func app(_ app: String, _ rest: String) -> String {
        "/v1/hangar/apps/" + PercentEncoding.encode(app) + "/" + rest
    }
}
