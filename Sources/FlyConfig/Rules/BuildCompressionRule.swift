/// HG216, HG217: `build.compression` is gzip or zstd and `build.compression_level` is 0–9
/// (flyctl: validation errors).
struct BuildCompressionRule: Rule {
    let codes = ["HG216", "HG217"]
    let summary = "build.compression is gzip or zstd; build.compression_level is 0-9"

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let build = context.config.build else { return [] }
        var result: [Diagnostic] = []
        if let compression = build.compression, !compression.isEmpty, compression != "gzip", compression != "zstd" {
            let lowered = compression.lowercased()
            let hint = (lowered == "gzip" || lowered == "zstd")
                ? "write compression = \"\(lowered)\"" : "use \"gzip\" or \"zstd\", or remove the key"
            result.append(
                context.error(
                    "HG216",
                    "Invalid value '\(compression)' for compression. Valid options are 'gzip', 'zstd', or leave unset.",
                    hint: hint, path: "build.compression"))
        }
        if let level = build.compressionLevel, !(0...9).contains(level) {
            result.append(
                context.error(
                    "HG217", "Invalid value '\(level)' for compression level. Must be an integer between 0 and 9.",
                    hint: "use a level from 0 (fastest) to 9 (smallest), or remove the key (default 7)",
                    path: "build.compression_level"))
        }
        return result
    }
}
