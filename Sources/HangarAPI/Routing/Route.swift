/// One route: a method, a path pattern (`/v1/apps/{app}/machines/{id}`) and the handler that
/// answers it. Parameters are percent-decoded and validated by the router before the handler runs.
public struct Route: Sendable {
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public let method: String
    public let pattern: String
    public let segments: [Segment]
    public let handler: @Sendable (RouteContext) async -> HTTPResponse

    public init(_ method: String, _ pattern: String, handler: @escaping @Sendable (RouteContext) async -> HTTPResponse) {
        self.method = method
        self.pattern = pattern
        self.segments = pattern.split(separator: "/").map { piece in
            if piece.hasPrefix("{"), piece.hasSuffix("}") { return .parameter(String(piece.dropFirst().dropLast())) }
            return .literal(String(piece))
        }
        self.handler = handler
    }

    /// The parameters when `path` (decoded segments) has this route's shape, else nil.
    func match(_ path: [String]) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, value) in zip(segments, path) {
            switch segment {
            case .literal(let literal):
                if literal != value { return nil }
            case .parameter(let name):
                parameters[name] = value
            }
        }
        return parameters
    }
}

/// What a handler gets: the request, its validated path parameters and its query.
public struct RouteContext: Sendable {
    public let request: HTTPRequest
    public let parameters: [String: String]
    public let query: QueryParameters

    /// A path parameter (always present for the route's own parameter names).
    public func parameter(_ name: String) -> String { parameters[name] ?? "" }
}
