import Foundation

/// Resolves a `-c/--config` style path the way flyctl does: the path itself when it is a file,
/// `PATH/fly.toml` when it is a directory (or when the path itself does not exist).
enum ConfigFileLocator {
    static func resolve(_ path: String?) -> String {
        let given = path ?? "fly.toml"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? (given as NSString).appendingPathComponent("fly.toml") : given
        }
        let inside = (given as NSString).appendingPathComponent("fly.toml")
        if path != nil, FileManager.default.fileExists(atPath: inside) { return inside }
        return given
    }
}
