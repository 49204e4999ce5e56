import FlyConfig
import HangarCore

/// The image the exported workloads run: `--image`, else `[build] image`, else a placeholder named
/// after the app (with a warning saying how to build and pass the real one).
struct ImageChoice: Sendable, Equatable {
    var reference: String
    /// True when the reference is the placeholder.
    var isPlaceholder: Bool

    static func choose(app: String, config: AppConfig, options: ExportOptions) -> ImageChoice {
        if let image = options.image, !image.isEmpty { return ImageChoice(reference: image, isPlaceholder: false) }
        if let image = config.build?.image, !image.isEmpty { return ImageChoice(reference: image, isPlaceholder: false) }
        return ImageChoice(reference: placeholder(app: app), isPlaceholder: true)
    }

    static func placeholder(app: String) -> String { "\(ExportNames.label(app)):latest" }

    /// The warning for engines that cannot build (Kubernetes, Nomad's docker driver).
    static func placeholderWarning(app: String) -> ExportWarning {
        let image = placeholder(app: app)
        return ExportWarning(
            key: "build",
            message: "no image given: the workloads run '\(image)', which no registry has yet",
            instead: "build and push the app's image (docker build -t REGISTRY/\(image) . && docker push "
                + "REGISTRY/\(image)), then export again with --image REGISTRY/\(image)")
    }
}
