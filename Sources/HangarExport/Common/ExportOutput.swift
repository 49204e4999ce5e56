/// One rendered export: the text of the file and what could not be expressed.
public struct ExportOutput: Sendable, Equatable {
    /// The whole file (YAML stream, HCL job or compose file), ending with a newline.
    public var text: String
    public var warnings: [ExportWarning]

    public init(text: String, warnings: [ExportWarning]) {
        self.text = text
        self.warnings = warnings
    }
}

/// Why an export cannot be rendered at all (the message says what to change).
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
