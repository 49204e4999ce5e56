/// Why a command string could not be split.
public struct CommandSplitError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Splits a command string into argv the way flyctl does (google/shlex semantics).
///
/// Whitespace (space, tab, CR, LF) separates words; `'…'` is literal; inside `"…"` a backslash
/// escapes any next character; outside quotes `\x` is `x`; quotes join adjacent word characters;
/// `""` is an empty argument; `#` at the start of a word starts a comment to end of line. There is
/// no expansion, globbing or operators (`;`, `&&`, `|` are ordinary characters).
public enum CommandLineSplitter {
    private enum State {
        case start, word, escaping, quotingEscaping, escapingQuoted, quoting, comment
    }

    public static func split(_ command: String) throws(CommandSplitError) -> [String] {
        var words: [String] = []
        var state = State.start
        var current = String.UnicodeScalarView()
        for scalar in command.unicodeScalars {
            let isSpace = scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
            switch state {
            case .start:
                if isSpace { continue }
                switch scalar {
                case "\"": state = .quotingEscaping
                case "'": state = .quoting
                case "\\": state = .escaping
                case "#": state = .comment
                default:
                    current.append(scalar)
                    state = .word
                }
            case .word:
                if isSpace {
                    words.append(String(current))
                    current = String.UnicodeScalarView()
                    state = .start
                    continue
                }
                switch scalar {
                case "\"": state = .quotingEscaping
                case "'": state = .quoting
                case "\\": state = .escaping
                default: current.append(scalar)
                }
            case .escaping:
                current.append(scalar)
                state = .word
            case .quotingEscaping:
                switch scalar {
                case "\"": state = .word
                case "\\": state = .escapingQuoted
                default: current.append(scalar)
                }
            case .escapingQuoted:
                current.append(scalar)
                state = .quotingEscaping
            case .quoting:
                if scalar == "'" { state = .word } else { current.append(scalar) }
            case .comment:
                if scalar == "\n" { state = .start }
            }
        }
        switch state {
        case .start, .comment:
            break
        case .word:
            words.append(String(current))
        case .escaping, .escapingQuoted:
            throw CommandSplitError("EOF found after escape character")
        case .quotingEscaping, .quoting:
            throw CommandSplitError("EOF found when expecting closing quote")
        }
        return words
    }
}
