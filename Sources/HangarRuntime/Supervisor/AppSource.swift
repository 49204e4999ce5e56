import FlyConfig
import Foundation
import HangarCore

/// An app as `up` reads it from disk: its validated fly.toml, the directory machines run in, and
/// the command defaults of the Dockerfile and Procfile beside it.
struct AppSource: Sendable {
    var config: AppConfig
    /// The fly.toml file (absolute).
    var configPath: String
    /// The fly.toml's directory: the machines' working directory.
    var directory: String
    var image: ImageDefaults
    /// Warnings of the validator, formatted `file:line:col: warning[CODE]: message`.
    var warnings: [String]

    /// Validates the file; errors throw `.invalidConfig` listing each error with its position.
    static func load(path: String) throws(ControlError) -> AppSource {
        guard path.hasPrefix("/") else {
            throw ControlError(.invalid, "the config path must be absolute, got \(path.debugDescription)")
        }
        guard !path.utf8.contains(0), path.utf8.count <= 4096 else {
            throw ControlError(.invalid, "invalid config path")
        }
        let report = FlyConfigValidator.validate(path: path)
        guard report.ok, let config = report.loaded.config else {
            var lines = report.errors.map { $0.formatted(file: report.file) }
            if lines.isEmpty { lines = ["\(report.file): the config could not be read"] }
            let count = report.errors.count
            throw ControlError(
                .invalidConfig,
                "\(report.file) has \(count) error\(count == 1 ? "" : "s"):\n" + lines.joined(separator: "\n"))
        }
        let directory = URL(fileURLWithPath: report.loaded.directory).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        let configPath =
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? directory + "/fly.toml" : URL(fileURLWithPath: path).standardizedFileURL.path
        return AppSource(
            config: config, configPath: configPath, directory: directory,
            image: imageDefaults(config: config, directory: directory),
            warnings: report.warnings.map { $0.formatted(file: report.file) })
    }

    /// CMD and ENTRYPOINT of the Dockerfile (`[build] dockerfile`, else `Dockerfile`) and the Procfile
    /// entries, when those files exist.
    static func imageDefaults(config: AppConfig, directory: String) -> ImageDefaults {
        var image = ImageDefaults()
        let dockerfile = config.build?.dockerfile ?? "Dockerfile"
        let isURL = dockerfile.hasPrefix("http://") || dockerfile.hasPrefix("https://")
        let path = dockerfile.hasPrefix("/") ? dockerfile : directory + "/" + dockerfile
        if !isURL, let text = readText(path) {
            let parsed = ImageDefaults.dockerfile(text)
            image.entrypoint = parsed.entrypoint
            image.cmd = parsed.cmd
        }
        if let text = readText(directory + "/Procfile") { image.procfile = ImageDefaults.procfile(text) }
        return image
    }

    private static func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
