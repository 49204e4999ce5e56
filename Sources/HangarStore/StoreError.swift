import GRDB

/// Why a store operation failed. The message is meant for the user: it names the value at fault and
/// what to do. `kind` lets the API pick a status code (400, 404, 409, 500).
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The input breaks a rule (an app, volume or secret name, a size, a count...). Nothing was written.
        case invalidInput = "invalid_input"
        /// The app, machine, volume or release does not exist.
        case notFound = "not_found"
        /// The request contradicts the current state (a volume attached elsewhere, a shrink, a terminal machine).
        case conflict
        /// The secret key is missing, malformed, or does not open the sealed secrets.
        case secretKey = "secret_key"
        /// The database or the file system failed.
        case storage
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func invalid(_ message: String) -> StoreError { StoreError(.invalidInput, message) }
    static func notFound(_ message: String) -> StoreError { StoreError(.notFound, message) }
    static func conflict(_ message: String) -> StoreError { StoreError(.conflict, message) }
    static func storage(_ message: String) -> StoreError { StoreError(.storage, message) }

    /// Keeps a `StoreError` as is and turns anything else (SQLite, decoding, file system) into `.storage`.
    static func wrapping(_ error: any Error, while action: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            let detail = error.message ?? "\(error.resultCode)"
            return StoreError(.storage, "database error while \(action): \(detail)")
        }
        return StoreError(.storage, "error while \(action): \(error)")
    }
}
