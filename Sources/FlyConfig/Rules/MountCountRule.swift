/// HG304: a Machine has at most one volume, so each group gets at most one `[[mounts]]` entry.
/// flyctl checks this only when validating a single group; Hangar checks every group (error).
struct MountCountRule: Rule {
    let codes = ["HG304"]
    let summary = "at most one [[mounts]] entry applies to each process group"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        let mounts = config.mounts ?? []
        var result: [Diagnostic] = []
        for group in context.groups {
            let indices = mounts.indices.filter { config.applies(mounts[$0].processes, to: group) }
            guard indices.count > 1 else { continue }
            for extra in indices.dropFirst() {
                result.append(
                    context.error(
                        "HG304", "group '\(group)' has more than one [[mounts]] section defined",
                        hint: "a machine has a single volume: keep one [[mounts]] entry for group '\(group)' (put other"
                            + " directories inside it), or give the others processes = [...] naming other groups",
                        path: "mounts[\(extra)]"))
            }
        }
        return result
    }
}
