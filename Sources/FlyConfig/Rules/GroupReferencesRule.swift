/// HG313: `processes` lists in `[checks]`, `[[vm]]`, `[[metrics]]` and `[[files]]` name defined
/// groups. flyctl does not check them: an unknown name silently matches nothing (warning).
struct GroupReferencesRule: Rule {
    let codes = ["HG313"]
    let summary = "processes in checks, vm, metrics and files name defined groups"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        var lists: [(path: String, names: [String]?)] = config.sortedChecks.map {
            ("checks.\(ConfigPath.key($0.name)).processes", $0.check.processes)
        }
        lists += (config.vm ?? []).enumerated().map { ("vm[\($0.offset)].processes", $0.element.processes) }
        lists += (config.metrics ?? []).enumerated().map { ("metrics[\($0.offset)].processes", $0.element.processes) }
        lists += (config.files ?? []).enumerated().map { ("files[\($0.offset)].processes", $0.element.processes) }
        return Self.undefined(lists, config: config, context: context, code: "HG313")
    }

    static func undefined(
        _ lists: [(path: String, names: [String]?)], config: AppConfig, context: RuleContext, code: String
    ) -> [Diagnostic] {
        let valid = config.processNames
        var result: [Diagnostic] = []
        for (path, names) in lists {
            for name in names ?? [] where !valid.contains(name) {
                result.append(
                    context.warning(
                        code, "processes lists '\(name)', which is not a defined process group; this entry matches no machine for it",
                        hint: UndefinedGroupHint.text(name, valid: valid, hasProcesses: config.hasProcessGroups),
                        path: path))
            }
        }
        return result
    }
}
