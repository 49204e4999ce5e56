/// HG407: a `[[mounts]]` entry's `processes` names defined groups; an unknown name silently matches
/// nothing, so the volume is never attached there (warning).
struct MountGroupRule: Rule {
    let codes = ["HG407"]
    let summary = "[[mounts]] processes name defined groups"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let lists = (context.config.mounts ?? []).enumerated().map {
            (path: "mounts[\($0.offset)].processes", names: $0.element.processes)
        }
        return GroupReferencesRule.undefined(lists, config: context.config, context: context, code: "HG407")
    }
}
