/// Why a plan cannot be made from a config (the message says what to change).
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that handle one case differently.
    public enum Kind: String, Sendable, Equatable {
        case other
        /// A process group has no command anywhere (see `Plan.make(requireCommand:)`).
        case missingCommand = "missing_command"
    }

    public var kind: Kind
    public var message: String

    public init(_ message: String) {
        self.kind = .other
        self.message = message
    }

    public init(kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// True when the plan failed only because a group has no command.
    public var isMissingCommand: Bool { kind == .missingCommand }

    public var description: String { message }
}
