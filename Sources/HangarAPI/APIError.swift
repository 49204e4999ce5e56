import HangarRuntime
import HangarStore

/// An error the API answers with: an HTTP status and the JSON body `{"error": "...", "kind": "..."}`.
/// `kind` is one of `ControlError.Kind`'s values, or an HTTP-level kind (`method_not_allowed`,
/// `too_large`, `unsupported`, `unavailable`).
public struct APIError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var status: Int
    public var kind: String
    public var message: String

    public init(status: Int, kind: String, message: String) {
        self.status = status
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    enum CodingKeys: String, CodingKey {
        case message = "error"
        case kind
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decode(String.self, forKey: .message)
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? "failed"
        status = 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(message, forKey: .message)
        try container.encode(kind, forKey: .kind)
    }

    /// A runtime error: invalid 400, not_found 404, conflict 409, invalid_config 422, timeout 504, failed 500.
    public init(_ error: ControlError) {
        self.init(status: Self.status(for: error.kind), kind: error.kind.rawValue, message: error.message)
    }

    /// A store error met while validating input (names, ids): its kind picks the status.
    public init(_ error: StoreError) {
        switch error.kind {
        case .invalidInput: self.init(status: 400, kind: ControlError.Kind.invalid.rawValue, message: error.message)
        case .notFound: self.init(status: 404, kind: ControlError.Kind.notFound.rawValue, message: error.message)
        case .conflict: self.init(status: 409, kind: ControlError.Kind.conflict.rawValue, message: error.message)
        case .secretKey, .storage:
            self.init(status: 500, kind: ControlError.Kind.failed.rawValue, message: error.message)
        }
    }

    public static func status(for kind: ControlError.Kind) -> Int {
        switch kind {
        case .invalid: 400
        case .notFound: 404
        case .conflict: 409
        case .invalidConfig: 422
        case .timeout: 504
        case .failed: 500
        }
    }

    /// The runtime error this API error stands for on the client side (HTTP-level kinds become
    /// `invalid` for 4xx and `failed` otherwise).
    public var controlError: ControlError {
        if let kind = ControlError.Kind(rawValue: kind) { return ControlError(kind, message) }
        return ControlError((400..<500).contains(status) ? .invalid : .failed, message)
    }

    static func badRequest(_ message: String) -> APIError { APIError(status: 400, kind: "invalid", message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: 404, kind: "not_found", message: message) }
}
