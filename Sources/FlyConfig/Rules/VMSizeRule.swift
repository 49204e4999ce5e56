/// HG301: `[[vm]] size` (and `deploy.release_command_vm.size`) names a preset (§10). flyctl only
/// finds out at deploy, when building the machine config: an error.
struct VMSizeRule: Rule {
    let codes = ["HG301"]
    let summary = "[[vm]] size names a Machine preset"

    /// Nomad-era sizes with the preset flyctl's old migration chose.
    static let retired = [
        "micro-1x": "shared-cpu-1x", "micro-2x": "shared-cpu-2x",
        "dedicated-cpu-1x": "performance-1x", "dedicated-cpu-2x": "performance-2x",
        "dedicated-cpu-4x": "performance-4x", "dedicated-cpu-8x": "performance-8x",
        "cpu1mem1": "performance-1x", "cpu2mem2": "performance-2x",
        "cpu4mem4": "performance-4x", "cpu8mem8": "performance-8x",
    ]

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for (path, vm) in VMEntries.all(in: context.config) {
            guard let size = vm.size, !size.isEmpty, VMPreset.named(size) == nil else { continue }
            let message: String
            do {
                _ = try VMPreset.lookup(size)
                continue
            } catch {
                message = error.message
            }
            result.append(context.error("HG301", message, hint: Self.hint(size), path: path + ".size"))
        }
        return result
    }

    static func hint(_ size: String) -> String {
        let names = VMPreset.all.map(\.name)
        if let modern = retired[size.lowercased()] {
            return "'\(size)' is a Nomad-era size; write size = \"\(modern)\""
        }
        if let exact = names.first(where: { $0 == size.lowercased() }) {
            return "preset names are lowercase: size = \"\(exact)\""
        }
        if let near = NameSuggestion.closest(to: size, in: names) {
            return "did you mean size = \"\(near)\"? presets: \(names.joined(separator: ", "))"
        }
        return "presets: \(names.joined(separator: ", "))"
    }
}

/// Every `[[vm]]`-shaped table of a config with its path: the `[[vm]]` entries, then
/// `deploy.release_command_vm`.
enum VMEntries {
    static func all(in config: AppConfig) -> [(path: String, vm: VM)] {
        var entries = (config.vm ?? []).enumerated().map { (path: "vm[\($0.offset)]", vm: $0.element) }
        if let release = config.deploy?.releaseCommandVM {
            entries.append((path: "deploy.release_command_vm", vm: release))
        }
        return entries
    }
}
