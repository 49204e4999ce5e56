import Foundation

/// The result of loading a fly.toml: the typed config (or nil for a degraded load), every
/// diagnostic, and what rules need to point into the file.
public struct LoadedConfig: Sendable {
    /// The path as given.
    public var file: String
    /// The `app` key when it is a string; kept even on a degraded load.
    public var appName: String?
    /// The normalised, typed config; nil when the load is degraded (flyctl keeps only `app`) or the
    /// file could not be read or parsed.
    public var config: AppConfig?
    /// Read, syntax, normalisation, decode and unknown-key findings (rules add more).
    public var diagnostics: [Diagnostic]
    /// Normalised config path → position in the original file.
    public var sourceMap: SourceMap
    /// The parsed tree as written (nil on a syntax or read error).
    public var raw: TOMLTable?
    /// The normalised tree the typed decode read (nil on a syntax or read error).
    public var normalised: TOMLTable?
    /// The directory of the file (for path checks).
    public var directory: String

    public init(
        file: String, appName: String? = nil, config: AppConfig? = nil, diagnostics: [Diagnostic] = [],
        sourceMap: SourceMap = SourceMap(), raw: TOMLTable? = nil, normalised: TOMLTable? = nil, directory: String
    ) {
        self.file = file
        self.appName = appName
        self.config = config
        self.diagnostics = diagnostics
        self.sourceMap = sourceMap
        self.raw = raw
        self.normalised = normalised
        self.directory = directory
    }

    /// True when normalisation or the typed decode failed (flyctl's "degraded load").
    public var isDegraded: Bool { raw != nil && config == nil }

    /// The errors that made the load degraded (or the read/syntax error).
    public var loadErrors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// True when any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads fly.toml files: TOML → normalisation patches → typed decode (spec §2).
public enum FlyConfigLoader {
    /// Loads the file at `path` (a directory means `path/fly.toml`). Never throws: a read failure is
    /// an HG001 diagnostic.
    public static func load(path: String) -> LoadedConfig {
        var filePath = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            filePath = (path as NSString).appendingPathComponent("fly.toml")
        }
        let directory = (filePath as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        guard let data = FileManager.default.contents(atPath: filePath) else {
            let reason = FileManager.default.fileExists(atPath: filePath) ? "cannot be read" : "does not exist"
            let diagnostic = Diagnostic(
                .error, code: DecodeCode.unreadable, "config file \(filePath) \(reason)",
                hint: "pass the path of a fly.toml (or of the directory that holds it)")
            return LoadedConfig(file: path, diagnostics: [diagnostic], directory: dir)
        }
        return load(bytes: [UInt8](data), file: path, directory: dir)
    }

    /// Loads fly.toml contents.
    public static func load(bytes: [UInt8], file: String, directory: String) -> LoadedConfig {
        var result = LoadedConfig(file: file, directory: directory)
        let tree: TOMLTable
        do {
            tree = try TOMLParser.parse(bytes)
        } catch {
            result.diagnostics.append(Diagnostic(
                .error, code: DecodeCode.syntax, "TOML syntax error: \(error.message)",
                hint: "flyctl fails to load a file that is not valid TOML", at: error.position))
            return result
        }
        result.raw = tree
        result.appName = tree["app"]?.string

        var normalised = tree
        var normalizer = Normalizer()
        normalizer.normalise(&normalised)
        result.normalised = normalised
        result.sourceMap = SourceMap(tree: normalised)

        let sink = DecodeSink()
        let config = AppConfigDecoder.decode(normalised, sink: sink)
        let all = normalizer.diagnostics + sink.diagnostics
        result.diagnostics = all.sorted { a, b in
            (a.position ?? .unknown, a.code) < (b.position ?? .unknown, b.code)
        }
        let degraded = all.contains { $0.severity == .error }
        result.config = degraded ? nil : config
        return result
    }

    /// Loads fly.toml contents given as a string.
    public static func load(text: String, file: String = "fly.toml", directory: String = ".") -> LoadedConfig {
        load(bytes: Array(text.utf8), file: file, directory: directory)
    }
}
