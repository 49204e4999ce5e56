import HangarRuntime

/// Turns a runtime call into a response: its value as JSON, or its `ControlError` as an API error.
enum Respond {
    static func with<T: Encodable>(status: Int = 200, _ body: () async throws(ControlError) -> T) async -> HTTPResponse {
        do {
            return .json(try await body(), status: status)
        } catch {
            return .error(APIError(error))
        }
    }

    /// Decodes the request body as `T`, or answers 400.
    static func decode<T: Decodable>(_ type: T.Type, _ context: RouteContext, what: String) -> Result<T, APIError> {
        APIJSON.decode(type, from: context.request.body, what: what)
    }
}
