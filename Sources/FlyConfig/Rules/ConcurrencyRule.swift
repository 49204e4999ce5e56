/// HG308: a service's `concurrency` is coherent (flyctl does not check it; warnings): `type` is
/// `connections` or `requests`, limits are not negative, and `soft_limit` is not above `hard_limit`.
struct ConcurrencyRule: Rule {
    let codes = ["HG308"]
    let summary = "concurrency type is connections or requests; 0 <= soft_limit <= hard_limit"

    static let types = ["connections", "requests"]

    func check(_ context: RuleContext) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for service in context.config.allServices {
            guard let concurrency = service.concurrency else { continue }
            let base = service.configPath + ".concurrency"
            if let type = concurrency.type, !Self.types.contains(type) {
                let near = Self.types.first { $0 == type.lowercased() } ?? NameSuggestion.closest(to: type, in: Self.types)
                result.append(
                    context.warning(
                        "HG308", "concurrency type '\(type)' is not connections or requests",
                        hint: near.map { "did you mean type = \"\($0)\"?" }
                            ?? "use type = \"requests\" for HTTP services, \"connections\" for raw TCP",
                        path: base + ".type"))
            }
            for (key, value) in [("soft_limit", concurrency.softLimit), ("hard_limit", concurrency.hardLimit)] {
                if let value, value < 0 {
                    result.append(
                        context.warning(
                            "HG308", "concurrency \(key) is negative (\(value))", hint: "use a positive number",
                            path: "\(base).\(key)"))
                }
            }
            if let soft = concurrency.softLimit, let hard = concurrency.hardLimit, soft > hard, hard >= 0 {
                result.append(
                    context.warning(
                        "HG308", "concurrency soft_limit (\(soft)) is above hard_limit (\(hard)); the soft limit is never reached",
                        hint: "set soft_limit below hard_limit, e.g. soft_limit = \(max(hard / 5 * 4, 1)), hard_limit = \(hard)",
                        path: base + ".soft_limit"))
            }
        }
        return result
    }
}
