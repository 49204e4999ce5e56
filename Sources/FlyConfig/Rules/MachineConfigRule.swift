import Foundation

/// HG306: `machine_config` (or `experimental.machine_config`, which wins) is inline JSON starting
/// with `{` that parses, or a path ending in `.json`; flyctl finds out only at deploy (errors).
/// For inline JSON with `containers`, `container` must name one of them and every other container
/// needs an image. Skipped when `[build.compose]` is present (compose then takes precedence).
struct MachineConfigRule: Rule {
    let codes = ["HG306"]
    let summary = "machine_config is inline JSON that parses or a .json path"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        guard config.build?.compose == nil else { return [] }
        let path: String
        let source: String
        if let value = config.experimental?.machineConfig, !value.isEmpty {
            path = "experimental.machine_config"
            source = value
        } else if let value = config.machineConfig, !value.isEmpty {
            path = "machine_config"
            source = value
        } else {
            return []
        }
        if source.hasSuffix(".json") && !source.hasPrefix("{") { return [] }
        guard source.hasPrefix("{") else {
            let trimmed = source.trimmingCharacters(in: .whitespacesAndNewlines)
            let hint = trimmed.hasPrefix("{")
                ? "inline JSON must start with '{' as its very first character; remove the leading whitespace"
                : "write inline JSON starting with '{', or the path of a file ending in .json"
            return [context.error("HG306", "invalid machine config source: \"\(source)\"", hint: hint, path: path)]
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(source.utf8))
        } catch {
            return [
                context.error(
                    "HG306", "invalid machine config \"\(source)\": the inline JSON does not parse",
                    hint: "check quotes, commas and braces; TOML literal strings ('...') keep the JSON's double quotes intact",
                    path: path)
            ]
        }
        guard let table = object as? [String: Any] else {
            return [context.error("HG306", "invalid machine config: the inline JSON is not an object", path: path)]
        }
        return Self.containers(table, selected: config.container, path: path, context)
    }

    private static func containers(
        _ table: [String: Any], selected: String?, path: String, _ context: RuleContext
    ) -> [Diagnostic] {
        guard let list = table["containers"] as? [[String: Any]], !list.isEmpty else { return [] }
        let names = list.map { ($0["name"] as? String) ?? "" }
        var result: [Diagnostic] = []
        let chosenIndex: Int
        if let selected, !selected.isEmpty {
            guard let index = names.firstIndex(of: selected) else {
                return [
                    context.error(
                        "HG306", "container \"\(selected)\" not found",
                        hint: "machine_config defines: \(names.joined(separator: ", "))", path: "container")
                ]
            }
            chosenIndex = index
        } else {
            chosenIndex = names.firstIndex(of: "app") ?? 0
        }
        for (i, container) in list.enumerated() where i != chosenIndex {
            if ((container["image"] as? String) ?? "").isEmpty {
                result.append(
                    context.error(
                        "HG306", "container \"\(names[i])\" must have an image specified",
                        hint: "only container \"\(names[chosenIndex])\" receives the built image; give the others an \"image\"",
                        path: path))
            }
        }
        return result
    }
}
