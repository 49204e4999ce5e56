/// The hint for a `processes` entry that names no defined group.
enum UndefinedGroupHint {
    static func text(_ name: String, valid: [String], hasProcesses: Bool) -> String {
        if !hasProcesses {
            return "without a [processes] section the only group is 'app'; write processes = [\"app\"] or define '\(name)' in [processes]"
        }
        if let near = NameSuggestion.closest(to: name, in: valid) {
            return "did you mean '\(near)'? defined groups: \(valid.joined(separator: ", "))"
        }
        return "defined groups: \(valid.joined(separator: ", ")); add '\(name)' to [processes] or remove it here"
    }
}
