/// POSIX shell quoting for one word (raw_exec's `sh -c` line).
enum ShellQuote {
    static func word(_ s: String) -> String {
        let safe = "-_./=:,+@%"
        if !s.isEmpty, s.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || safe.unicodeScalars.contains($0)) }) {
            return s
        }
        var out = "'"
        for c in s {
            if c == "'" { out += "'\\''" } else { out.append(c) }
        }
        return out + "'"
    }
}
