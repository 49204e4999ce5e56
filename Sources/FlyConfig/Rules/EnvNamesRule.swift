/// HG310: `[env]` names the platform owns. Names starting with `FLY_` are reserved (warning);
/// `PRIMARY_REGION` is overwritten by flyctl when `primary_region` is set (info).
struct EnvNamesRule: Rule {
    let codes = ["HG310"]
    let summary = "[env] avoids FLY_* names; PRIMARY_REGION is overridden by primary_region"

    func check(_ context: RuleContext) -> [Diagnostic] {
        let config = context.config
        var result: [Diagnostic] = []
        for name in (config.env ?? [:]).keys.sorted(by: AppConfig.byteOrder) {
            let path = "env.\(ConfigPath.key(name))"
            if name.hasPrefix("FLY_") {
                let overridden = name == "FLY_PROCESS_GROUP"
                    ? " (flyctl sets FLY_PROCESS_GROUP to each machine's group, replacing this value)" : ""
                result.append(
                    context.warning(
                        "HG310", "environment variable \(name) uses the FLY_ prefix, which the platform reserves\(overridden)",
                        hint: "rename it (e.g. APP_\(name.dropFirst(4))); the platform sets its own FLY_* variables",
                        path: path))
            } else if name == "PRIMARY_REGION", let region = config.primaryRegion, !region.isEmpty {
                let value = config.env?[name] ?? ""
                result.append(
                    context.info(
                        "HG310",
                        "PRIMARY_REGION in [env]\(value == region ? "" : " ('\(value)')") is replaced by primary_region ('\(region)')",
                        hint: "remove PRIMARY_REGION from [env]; primary_region sets it in every machine", path: path))
            }
        }
        return result
    }
}
