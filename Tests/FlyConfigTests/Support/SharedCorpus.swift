import Foundation

/// The shared test data next to the repository (`../shared/corpus`), found from this file's path.
enum SharedCorpus {
    /// The repository root: the nearest directory above this file that holds `Package.swift`.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath)
    }()

    static let directory = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// The `.toml` files directly inside a corpus folder, sorted by name.
    static func tomlFiles(in folder: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: url(folder), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "toml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
