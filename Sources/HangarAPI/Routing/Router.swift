/// Finds the route for a request: 400 for a path that does not decode, 404 when no route has the
/// path's shape, 405 (with `Allow`) when routes have it but not for this method, 400 when a path
/// parameter breaks its rule (checked by `validators`, keyed by parameter name) or the query does
/// not decode. Only then does the handler run.
public struct Router: Sendable {
    public let routes: [Route]
    public let validators: [String: @Sendable (String) -> APIError?]

    public init(routes: [Route], validators: [String: @Sendable (String) -> APIError?] = [:]) {
        self.routes = routes
        self.validators = validators
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        var rawPath = Substring(request.path)
        if rawPath.count > 1, rawPath.hasSuffix("/") { rawPath = rawPath.dropLast() }
        var segments: [String] = []
        for piece in rawPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            guard let decoded = PercentEncoding.decode(piece) else {
                return .error(.badRequest("malformed path \(HTTPText.quoted(request.path)): invalid percent-encoding"))
            }
            segments.append(decoded)
        }
        let matching = routes.compactMap { route in route.match(segments).map { (route, $0) } }
        guard !matching.isEmpty else {
            return .error(.notFound("no route for \(request.method) \(HTTPText.quoted(request.path))"))
        }
        guard let (route, parameters) = matching.first(where: { $0.0.method == request.method }) else {
            var allowed: [String] = []
            for (route, _) in matching where !allowed.contains(route.method) { allowed.append(route.method) }
            var response = HTTPResponse.error(
                APIError(
                    status: 405, kind: "method_not_allowed",
                    message: "\(HTTPText.quoted(request.method)) is not allowed on \(patternName(of: matching)); "
                        + "use \(allowed.joined(separator: ", "))"))
            response.headers.add("Allow", allowed.joined(separator: ", "))
            return response
        }
        for segment in route.segments {
            guard case .parameter(let name) = segment, let value = parameters[name], let check = validators[name] else {
                continue
            }
            if let error = check(value) { return .error(error) }
        }
        guard let query = QueryParameters(parsing: request.query) else {
            return .error(.badRequest("malformed query string: invalid percent-encoding"))
        }
        return await route.handler(RouteContext(request: request, parameters: parameters, query: query))
    }

    private func patternName(of matching: [(Route, [String: String])]) -> String {
        matching.first?.0.pattern ?? "this path"
    }
}
