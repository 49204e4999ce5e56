/// Prints `LogLine`s the way `fly logs` does.
///
/// Text (`fly logs`): `<RFC 3339 UTC, whole seconds> <source>[<machine id>] <region> [<level>] <message>`
///
///     2026-11-22T14:00:00Z app[3d8d9a1c2e4f56] local [info] listening on 8080
///
/// The process group does not appear, as on Fly. With `colour`, the parts are coloured as flyctl
/// colours them: timestamp faint, region green, level blue (info), yellow (warn), cyan (debug) or
/// red (anything else).
///
/// JSON (`fly logs --json`): one compact object per line with flyctl's keys in flyctl's order
/// (`level`, `instance`, `message`, `region`, `timestamp`, `meta`), `meta` carrying `Instance`,
/// `Region` and `Event.Provider` plus the empty request fields flyctl always emits. Hangar adds
/// `app`, `process_group` and (for machine output) `stream` after them; flyctl-shaped readers
/// ignore unknown keys. The timestamp has microseconds (`2026-11-22T14:00:00.123456Z`).
/// flyctl itself indents each object over several lines; Hangar keeps one object per line so the
/// output can be piped to line-oriented tools.
public struct LogFormatter: Sendable {
    public enum Style: Sendable, Hashable {
        case text
        case json
    }

    public var style: Style
    /// ANSI colours in text output (for a terminal).
    public var colour: Bool

    public init(style: Style = .text, colour: Bool = false) {
        self.style = style
        self.colour = colour
    }

    /// One line of output, without a trailing newline.
    public func format(_ line: LogLine) -> String {
        switch style {
        case .text: return text(line)
        case .json: return json(line)
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[" + code + "m" + text + "\u{1B}[0m" : text
    }

    private func levelColour(_ level: LogLevel) -> String {
        switch level.rawValue {
        case "debug": return "36"
        case "info": return "34"
        case "warn", "warning": return "33"
        default: return "31"
        }
    }

    private func provider(_ line: LogLine) -> String {
        line.machineID.isEmpty ? line.source.rawValue : line.source.rawValue + "[" + line.machineID + "]"
    }

    private func text(_ line: LogLine) -> String {
        paint(line.timestamp.rfc3339Seconds, "2") + " " + provider(line) + " " + paint(line.region, "32") + " ["
            + paint(line.level.rawValue, levelColour(line.level)) + "] " + line.message
    }

    private func json(_ line: LogLine) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(400 + line.message.utf8.count)
        func raw(_ text: String) { out.append(contentsOf: Array(text.utf8)) }
        raw("{")
        LogJSON.appendField("level", line.level.rawValue, first: true, to: &out)
        LogJSON.appendField("instance", line.machineID, to: &out)
        LogJSON.appendField("message", line.message, to: &out)
        LogJSON.appendField("region", line.region, to: &out)
        LogJSON.appendField("timestamp", line.timestamp.rfc3339Micros, to: &out)
        raw(",\"meta\":{")
        LogJSON.appendField("Instance", line.machineID, first: true, to: &out)
        LogJSON.appendField("Region", line.region, to: &out)
        raw(",\"Event\":{")
        LogJSON.appendField("Provider", line.source.rawValue, first: true, to: &out)
        raw("},\"HTTP\":{\"Request\":{\"ID\":\"\",\"Method\":\"\",\"Version\":\"\"},\"Response\":{\"status_code\":0}}")
        raw(",\"Error\":{\"Code\":0,\"Message\":\"\"},\"URL\":{\"Full\":\"\"}}")
        LogJSON.appendField("app", line.app, to: &out)
        LogJSON.appendField("process_group", line.processGroup, to: &out)
        if let stream = line.stream {
            LogJSON.appendField("stream", stream.rawValue, to: &out)
        }
        raw("}")
        return String(decoding: out, as: UTF8.self)
    }
}
