import HangarRuntime

/// `NAME=VALUE` lines, as `hangar secrets set -` (and flyctl's `secrets import`) read them from
/// standard input:
/// - blank lines and lines starting with `#` are skipped, and `export ` before a name is allowed;
/// - an unquoted value runs to the end of its line, without surrounding spaces;
/// - a value in double quotes may span lines and understands `\n`, `\r`, `\t`, `\"` and `\\`;
/// - a value in single quotes may span lines and is taken literally;
/// - a value in triple double quotes (`"""`) runs to the next `"""`, literally.
/// Errors give the line number, never the value.
public enum Dotenv {
    public static func parse(_ text: String) throws(ControlError) -> [(name: String, value: String)] {
        // "\r\n" is one Character, so both line ends are separators.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        var pairs: [(name: String, value: String)] = []
        var index = 0
        while index < lines.count {
            let number = index + 1
            var line = lines[index].drop { $0 == " " || $0 == "\t" }
            index += 1
            if line.trimmingSpaces().isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop { $0 == " " || $0 == "\t" } }
            guard let equals = line.firstIndex(of: "=") else {
                throw ControlError(.invalid, "line \(number) of the input is not NAME=VALUE")
            }
            let name = String(line[..<equals].trimmingSpaces())
            var rest = line[line.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
            let value: String
            if rest.hasPrefix("\"\"\"") {
                rest = rest.dropFirst(3)
                value = try quoted(first: rest, lines: lines, index: &index, closing: "\"\"\"", escapes: false, line: number)
            } else if rest.hasPrefix("\"") {
                value = try quoted(first: rest.dropFirst(), lines: lines, index: &index, closing: "\"", escapes: true, line: number)
            } else if rest.hasPrefix("'") {
                value = try quoted(first: rest.dropFirst(), lines: lines, index: &index, closing: "'", escapes: false, line: number)
            } else {
                value = String(rest.trimmingSpaces())
            }
            if name.isEmpty { throw ControlError(.invalid, "line \(number) of the input has no name before =") }
            pairs.append((name, value))
        }
        return pairs
    }

    /// A quoted value starting in `first`, continuing on the following lines until `closing`.
    private static func quoted(
        first: Substring, lines: [Substring], index: inout Int, closing: String, escapes: Bool, line number: Int
    ) throws(ControlError) -> String {
        let closer = Array(closing)
        var value = ""
        var characters = Array(first)
        while true {
            var position = 0
            while position < characters.count {
                let char = characters[position]
                if escapes, char == "\\", position + 1 < characters.count {
                    let next = characters[position + 1]
                    switch next {
                    case "n": value.append("\n")
                    case "r": value.append("\r")
                    case "t": value.append("\t")
                    case "\"": value.append("\"")
                    case "\\": value.append("\\")
                    default: value.append(contentsOf: [char, next])
                    }
                    position += 2
                    continue
                }
                if characters[position...].starts(with: closer) {
                    let after = String(characters[(position + closer.count)...]).trimmingCharacters()
                    guard after.isEmpty || after.hasPrefix("#") else {
                        throw ControlError(.invalid, "line \(number) of the input has text after the closing quote")
                    }
                    return value
                }
                value.append(char)
                position += 1
            }
            guard index < lines.count else {
                throw ControlError(.invalid, "line \(number) of the input opens a quote that is never closed")
            }
            value.append("\n")
            characters = Array(lines[index])
            index += 1
        }
    }
}
