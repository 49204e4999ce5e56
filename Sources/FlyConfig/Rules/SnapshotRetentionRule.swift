/// HG212: a mount's `snapshot_retention` is 1–60 days (flyctl: validation error).
struct SnapshotRetentionRule: Rule {
    let codes = ["HG212"]
    let summary = "[[mounts]] snapshot_retention is between 1 and 60 days"

    func check(_ context: RuleContext) -> [Diagnostic] {
        (context.config.mounts ?? []).enumerated().compactMap { i, mount in
            guard let days = mount.snapshotRetention, !(1...60).contains(days) else { return nil }
            return context.error(
                "HG212",
                "mount '\(mount.source ?? "")' has a snapshot_retention value which is not between 1 and 60 days inclusive",
                hint: "use a number of days from 1 to 60 (the platform default is 5)",
                path: "mounts[\(i)].snapshot_retention")
        }
    }
}
