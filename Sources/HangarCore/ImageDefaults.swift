/// What the app's own files say about its command, read by the caller (the plan does no I/O):
/// the final stage of its Dockerfile and its Procfile.
public struct ImageDefaults: Sendable, Equatable, Codable {
    /// `ENTRYPOINT` of the Dockerfile's final stage, as argv.
    public var entrypoint: [String]?
    /// `CMD` of the Dockerfile's final stage, as argv.
    public var cmd: [String]?
    /// Procfile entries: process type → command string.
    public var procfile: [String: String]

    public init(entrypoint: [String]? = nil, cmd: [String]? = nil, procfile: [String: String] = [:]) {
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.procfile = procfile
    }

    public static let none = ImageDefaults()

    /// Reads a Dockerfile's text: `CMD` and `ENTRYPOINT` of the last `FROM` stage, in exec form
    /// (`["a","b"]`) or shell form (`a b` → `["/bin/sh", "-c", "a b"]`). Line continuations are joined.
    public static func dockerfile(_ text: String) -> (entrypoint: [String]?, cmd: [String]?) {
        var entrypoint: [String]?
        var cmd: [String]?
        for line in logicalLines(text) {
            let trimmed = line.trimmingSpaces()
            guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { continue }
            let instruction = trimmed[..<space].uppercased()
            let argument = String(trimmed[space...]).trimmingSpaces()
            switch instruction {
            case "FROM":
                entrypoint = nil
                cmd = nil
            case "CMD": cmd = execForm(argument)
            case "ENTRYPOINT": entrypoint = execForm(argument)
            default: break
            }
        }
        return (entrypoint, cmd)
    }

    /// Reads a Procfile: `type: command` per line, `#` comments.
    public static func procfile(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = String(rawLine).trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingSpaces()
            let command = String(line[line.index(after: colon)...]).trimmingSpaces()
            if !name.isEmpty, !command.isEmpty { result[name] = command }
        }
        return result
    }

    private static func logicalLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            if line.trimmingSpaces().hasPrefix("#") && current.isEmpty { continue }
            if line.hasSuffix("\\") {
                current += line.dropLast() + " "
            } else {
                lines.append(current + line)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `["a", "b"]` (JSON array of strings) → argv; anything else is shell form.
    private static func execForm(_ argument: String) -> [String] {
        if argument.hasPrefix("["), let argv = JSONStringArray.parse(argument) { return argv }
        return ["/bin/sh", "-c", argument]
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}

/// A tiny reader for a JSON array of strings (a Dockerfile's exec form), without Foundation.
enum JSONStringArray {
    static func parse(_ text: String) -> [String]? {
        var chars = Array(text.unicodeScalars)[...]
        func skipSpace() { while let c = chars.first, c == " " || c == "\t" { chars = chars.dropFirst() } }
        skipSpace()
        guard chars.first == "[" else { return nil }
        chars = chars.dropFirst()
        var result: [String] = []
        skipSpace()
        if chars.first == "]" { return [] }
        while true {
            skipSpace()
            guard chars.first == "\"" else { return nil }
            chars = chars.dropFirst()
            var item = String.UnicodeScalarView()
            while true {
                guard let c = chars.first else { return nil }
                chars = chars.dropFirst()
                if c == "\"" { break }
                if c == "\\" {
                    guard let e = chars.first else { return nil }
                    chars = chars.dropFirst()
                    switch e {
                    case "n": item.append("\n")
                    case "t": item.append("\t")
                    default: item.append(e)
                    }
                } else {
                    item.append(c)
                }
            }
            result.append(String(item))
            skipSpace()
            guard let c = chars.first else { return nil }
            chars = chars.dropFirst()
            if c == "]" { break }
            if c != "," { return nil }
        }
        skipSpace()
        return chars.isEmpty ? result : nil
    }
}
