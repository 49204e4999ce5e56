/// HG213: a mount's auto-extend settings, exactly as flyctl validates them (§5.9).
///
/// Increment and limit must parse and be at least 1 GB. When any of threshold, increment or limit
/// is non-zero: threshold 50–99, increment 1–100 GB, a non-zero limit 1–500 GB, and a threshold
/// alone (no increment, no limit) is reported as "must be all defined or none".
struct AutoExtendRule: Rule {
    let codes = ["HG213"]
    let summary = "[[mounts]] auto_extend_size_* settings are consistent and in range"

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (i, mount) in (context.config.mounts ?? []).enumerated() {
            let source = mount.source ?? ""
            let base = "mounts[\(i)]"
            func size(_ key: String, _ text: String?) -> Int {
                guard let text, !text.isEmpty else { return 0 }
                do {
                    let gb = try VolumeSize.gigabytes(from: text)
                    if gb < 1 {
                        result.append(
                            context.error(
                                "HG213", "mount '\(source)' has an \(key) '\(text)' value which is smaller than 1GB",
                                hint: "volume sizes are whole GB; use \(key) = \"1gb\" or more", path: "\(base).\(key)"))
                    }
                    return gb
                } catch {
                    result.append(
                        context.error(
                            "HG213", "mount '\(source)' with \(key) '\(text)' will fail because of: \(error.message)",
                            hint: "write a size string such as \"10gb\"", path: "\(base).\(key)"))
                    return 0
                }
            }
            let increment = size("auto_extend_size_increment", mount.autoExtendSizeIncrement)
            let limit = size("auto_extend_size_limit", mount.autoExtendSizeLimit)
            let threshold = mount.autoExtendSizeThreshold ?? 0
            guard threshold != 0 || increment != 0 || limit != 0 else { continue }
            let thresholdPath = mount.autoExtendSizeThreshold == nil ? base : "\(base).auto_extend_size_threshold"
            let incrementPath = mount.autoExtendSizeIncrement == nil ? base : "\(base).auto_extend_size_increment"
            if threshold != 0 && increment == 0 && limit == 0 {
                result.append(
                    context.error(
                        "HG213",
                        "mount '\(source)' auto_extend_size_threshold, auto_extend_size_increment and auto_extend_size_limit must be all defined or none",
                        hint: "add auto_extend_size_increment (e.g. \"1gb\") and auto_extend_size_limit (e.g. \"10gb\"), or remove auto_extend_size_threshold",
                        path: thresholdPath))
            }
            if !(50...99).contains(threshold) {
                result.append(
                    context.error(
                        "HG213", "mount '\(source)' auto_extend_size_threshold must be between 50 and 99",
                        hint: "set auto_extend_size_threshold to a percentage of usage from 50 to 99, e.g. 80",
                        path: thresholdPath))
            }
            if !(1...100).contains(increment) {
                result.append(
                    context.error(
                        "HG213", "mount '\(source)' auto_extend_size_increment must be between 1GB and 100GB",
                        hint: "set auto_extend_size_increment to a size from \"1gb\" to \"100gb\"", path: incrementPath))
            }
            if limit != 0 && !(1...500).contains(limit) {
                result.append(
                    context.error(
                        "HG213", "mount '\(source)' auto_extend_size_limit must be between 1GB and 500GB",
                        hint: "set auto_extend_size_limit to a size from \"1gb\" to \"500gb\"",
                        path: "\(base).auto_extend_size_limit"))
            }
        }
        return result
    }
}
