/// HG222: only one way to get an image (flyctl: warning). flyctl picks, in order: `image`, a
/// buildpack builder, a Dockerfile, a builtin; the others are ignored.
struct BuildStrategyRule: Rule {
    let codes = ["HG222"]
    let summary = "[build] names one of image, builder/buildpacks, dockerfile/build-target, builtin"

    func check(_ context: RuleContext) -> [Diagnostic] {
        guard let build = context.config.build else { return [] }
        var found: [(label: String, key: String)] = []
        if let image = build.image, !image.isEmpty { found.append(("the \"\(image)\" docker image", "image")) }
        if !(build.builder ?? "").isEmpty || !(build.buildpacks ?? []).isEmpty {
            found.append(("a buildpack", build.builder.map { _ in "builder" } ?? "buildpacks"))
        }
        if let dockerfile = build.dockerfile, !dockerfile.isEmpty {
            found.append(("the \"\(dockerfile)\" dockerfile", "dockerfile"))
        } else if !(build.buildTarget ?? "").isEmpty {
            found.append(("a dockerfile", "build-target"))
        }
        if let builtin = build.builtin, !builtin.isEmpty { found.append(("the \"\(builtin)\" builtin image", "builtin")) }
        guard found.count > 1, let first = found.first else { return [] }
        let ignored = found.dropFirst().map(\.key).joined(separator: ", ")
        return [
            context.warning(
                "HG222", "more than one build configuration found: [\(found.map(\.label).joined(separator: ", "))]",
                hint: "\(first.key) is used and \(ignored) ignored; remove what you do not mean", path: "build")
        ]
    }
}
