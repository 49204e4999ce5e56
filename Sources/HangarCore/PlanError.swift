/// Why a plan cannot be made from a config (the message says what to change).
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
