/// HG211: a mount's `initial_size` parses and is at least 1 GB (flyctl: validation error).
struct MountInitialSizeRule: Rule {
    let codes = ["HG211"]
    let summary = "[[mounts]] initial_size parses and is at least 1GB"

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (i, mount) in (context.config.mounts ?? []).enumerated() {
            guard let size = mount.initialSize, !size.isEmpty else { continue }
            let source = mount.source ?? ""
            let path = "mounts[\(i)].initial_size"
            do {
                let gb = try VolumeSize.gigabytes(from: size)
                if gb < 1 {
                    result.append(
                        context.error(
                            "HG211", "mount '\(source)' has an initial_size '\(size)' value which is smaller than 1GB",
                            hint: "volumes are sized in whole GB (1000^3 bytes); use initial_size = \"1gb\" or more",
                            path: path))
                }
            } catch {
                result.append(
                    context.error(
                        "HG211", "mount '\(source)' with initial_size '\(size)' will fail because of: \(error.message)",
                        hint: "write a size such as \"10gb\", or a plain number of GB such as 10", path: path))
            }
        }
        return result
    }
}
