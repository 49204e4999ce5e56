import HangarRuntime

/// `NAME=VALUE` arguments of `hangar secrets set`. Errors name the argument by its position and
/// its name only: a value never appears in a message.
public enum SecretAssignments {
    public static func parse(_ arguments: [String]) throws(ControlError) -> [String: String] {
        var values: [String: String] = [:]
        for (index, argument) in arguments.enumerated() {
            guard let equals = argument.firstIndex(of: "=") else {
                throw ControlError(
                    .invalid,
                    "argument \(index + 1) is not NAME=VALUE (use `-` to read NAME=VALUE lines from standard input)")
            }
            try add(String(argument[..<equals]), String(argument[argument.index(after: equals)...]), to: &values)
        }
        return values
    }

    /// Adds one pair after checking the name and the value (a later pair for the same name wins).
    public static func add(_ name: String, _ value: String, to values: inout [String: String]) throws(ControlError) {
        if name.isEmpty { throw ControlError(.invalid, "a secret needs a name before =") }
        if let error = RequestRules.secretName(name) ?? RequestRules.secretValue(value, name: name) {
            throw error.controlError
        }
        values[name] = value
    }
}
