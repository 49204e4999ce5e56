import Foundation

/// What a release is made of: the fly.toml and the files of its directory, as an image would hold
/// them. The digest changes when any of them does, so `hangar deploy` knows whether there is
/// anything new. Left out: version-control and build junk (`.git`, `__pycache__`, `*.pyc`, ...),
/// what `.dockerignore` excludes (as `fly deploy` leaves it out of the image), and Hangar's own state
/// directory when it sits inside the app.
struct ReleaseContent: Sendable, Equatable {
    /// `cfg-<hex>_files-<hex>`: the config's digest, then the files'.
    var digest: String
    /// How many files went into it.
    var fileCount: Int

    /// Names skipped wherever they appear.
    static let junkNames: Set<String> = [
        ".git", ".hg", ".svn", ".build", ".swiftpm", "__pycache__", ".pytest_cache", ".mypy_cache", ".DS_Store",
        ".venv", ".tox", ".idea", ".vscode",
    ]
    static let junkSuffixes = [".pyc", ".pyo", ".swp", "~", ".log", "-wal", "-shm", "-journal"]
    /// Beyond this many files, or files larger than this, only names, sizes and dates count.
    static let maxFiles = 20_000
    static let maxHashedBytes = 8 << 20

    /// The digest of the config file and of the files of `directory`.
    static func of(configPath: String, directory: String, excluding home: String?) -> ReleaseContent {
        let config = FileManager.default.contents(atPath: configPath) ?? Data()
        var hasher = ContentHasher()
        let ignore = DockerIgnore(text: (try? String(contentsOfFile: directory + "/.dockerignore", encoding: .utf8)) ?? "")
        let files = listFiles(directory: directory, home: home, ignore: ignore)
        for relative in files {
            let path = directory + "/" + relative
            hasher.add(Array(relative.utf8))
            hasher.add([0])
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            if path == configPath { continue }
            if size <= maxHashedBytes, let data = FileManager.default.contents(atPath: path) {
                hasher.add(Array(data))
            } else {
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                hasher.add(Array("\(size):\(modified)".utf8))
            }
            hasher.add([0])
        }
        return ReleaseContent(
            digest: "cfg-" + configDigest(config) + "_files-" + hasher.hex, fileCount: files.count)
    }

    /// The digest of the config alone (the first part of `digest`).
    static func configDigest(_ data: Data) -> String {
        var hasher = ContentHasher()
        hasher.add(Array(data))
        return hasher.hex
    }

    /// Relative paths of the files to include, sorted.
    static func listFiles(directory: String, home: String?, ignore: DockerIgnore) -> [String] {
        var result: [String] = []
        var pending: [String] = [""]
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let homePath = home.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        while let relative = pending.popLast(), result.count < maxFiles {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { continue }
            for name in names.sorted() {
                if junkNames.contains(name) || junkSuffixes.contains(where: { name.hasSuffix($0) }) { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                if ignore.excludes(child) { continue }
                let path = root + "/" + child
                if path == homePath { continue }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    // Symbolic links to directories are not followed.
                    let kind = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
                    if kind != .typeSymbolicLink { pending.append(child) }
                } else {
                    result.append(child)
                }
            }
        }
        return result.sorted()
    }
}

/// FNV-1a, 64 bits, twice with different offsets: enough to tell one release's content from
/// another's (it is not a defence against someone crafting collisions).
struct ContentHasher {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x8422_2325_cbf2_9ce4

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte ^ 0x5a)) &* 0x100_0000_01b3
        }
    }

    var hex: String {
        let left = String(a, radix: 16)
        let right = String(b, radix: 16)
        return String(repeating: "0", count: 16 - left.count) + left + String(repeating: "0", count: 16 - right.count)
            + right
    }
}

/// The patterns of a `.dockerignore` that matter for a digest: `name`, `dir/`, `*.ext`, `dir/*`,
/// with `!` exceptions. Patterns are matched against the path and each of its leading directories.
struct DockerIgnore: Sendable {
    var rules: [(pattern: String, negated: Bool)] = []

    init(text: String) {
        for line in text.split(whereSeparator: \.isNewline) {
            var pattern = line.trimmingCharacters(in: .whitespaces)
            if pattern.isEmpty || pattern.hasPrefix("#") { continue }
            let negated = pattern.hasPrefix("!")
            if negated { pattern.removeFirst() }
            while pattern.hasPrefix("/") || pattern.hasPrefix("./") {
                pattern.removeFirst(pattern.hasPrefix("/") ? 1 : 2)
            }
            while pattern.hasSuffix("/") { pattern.removeLast() }
            if !pattern.isEmpty { rules.append((pattern, negated)) }
        }
    }

    func excludes(_ path: String) -> Bool {
        var excluded = false
        let parts = path.split(separator: "/").map(String.init)
        for rule in rules {
            var matched = false
            for end in 1...max(parts.count, 1) where end <= parts.count {
                if Self.glob(rule.pattern, parts.prefix(end).joined(separator: "/")) {
                    matched = true
                    break
                }
            }
            if matched { excluded = !rule.negated }
        }
        return excluded
    }

    /// `*` matches within a segment, `**` across segments, `?` one character.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.utf8)
        let t = Array(text.utf8)
        func match(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == t.count }
            if p[i] == UInt8(ascii: "*") {
                let double = i + 1 < p.count && p[i + 1] == UInt8(ascii: "*")
                let next = double ? i + 2 : i + 1
                var k = j
                while true {
                    if match(next, k) { return true }
                    if k == t.count || (!double && t[k] == UInt8(ascii: "/")) { return false }
                    k += 1
                }
            }
            guard j < t.count else { return false }
            if p[i] == UInt8(ascii: "?") { return t[j] != UInt8(ascii: "/") && match(i + 1, j + 1) }
            return p[i] == t[j] && match(i + 1, j + 1)
        }
        return match(0, 0)
    }
}
