import HangarRuntime

/// The arguments of `hangar scale count`: `GROUP=N ...`, or one bare `N` for an app with a single
/// process group. Bad specs (`web=-1`, `web`, `=3`, `web=x`, a group given twice) are refused
/// before anything is sent.
public struct ScaleSpec: Sendable, Equatable {
    public var counts: [String: Int]
    /// A bare count, for the app's only process group.
    public var bare: Int?

    public init(counts: [String: Int] = [:], bare: Int? = nil) {
        self.counts = counts
        self.bare = bare
    }

    public static func parse(_ arguments: [String]) throws(ControlError) -> ScaleSpec {
        guard !arguments.isEmpty else {
            throw ControlError(.invalid, "give at least one GROUP=COUNT, for example app=2")
        }
        if arguments.count == 1, let only = arguments.first, !only.isEmpty,
            only.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        {
            return ScaleSpec(bare: try count(only, group: nil))
        }
        var counts: [String: Int] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else {
                throw ControlError(
                    .invalid, "invalid scale spec \(HTTPText.quoted(argument)): use GROUP=COUNT, for example app=2")
            }
            let group = String(argument[..<equals])
            let value = String(argument[argument.index(after: equals)...])
            if group.isEmpty {
                throw ControlError(
                    .invalid, "invalid scale spec \(HTTPText.quoted(argument)): name the process group before =")
            }
            if let error = RequestRules.group(group) { throw error.controlError }
            if counts[group] != nil {
                throw ControlError(.invalid, "process group \(group) is given twice")
            }
            counts[group] = try count(value, group: group)
        }
        return ScaleSpec(counts: counts)
    }

    private static func count(_ text: String, group: String?) throws(ControlError) -> Int {
        let target = group.map { " for process group \($0)" } ?? ""
        guard !text.isEmpty, text.utf8.count <= 6, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int(text), value <= RequestRules.maxCount
        else {
            throw ControlError(
                .invalid,
                "invalid count \(HTTPText.quoted(text))\(target): use a whole number from 0 to \(RequestRules.maxCount)")
        }
        return value
    }
}
