/// The on-disk form of a `LogLine`: one JSON object per line, keys in a fixed order, e.g.
///
///     {"timestamp":"2026-11-22T14:00:00.123456Z","app":"web","machine":"3d8d9a1c2e4f56",
///      "process_group":"app","region":"local","source":"app","stream":"stdout","level":"info",
///      "message":"listening on 8080"}
///
/// (on one line). Control characters in the message are escaped, so a record never spans lines and
/// the files can be split on `\n` from either end. A line that does not decode (a record torn by a
/// crash, or anything that is not ours) is skipped by readers.
enum LogRecord {
    static func encode(_ line: LogLine, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        LogJSON.appendField("timestamp", line.timestamp.rfc3339Micros, first: true, to: &out)
        LogJSON.appendField("app", line.app, to: &out)
        LogJSON.appendField("machine", line.machineID, to: &out)
        LogJSON.appendField("process_group", line.processGroup, to: &out)
        LogJSON.appendField("region", line.region, to: &out)
        LogJSON.appendField("source", line.source.rawValue, to: &out)
        if let stream = line.stream {
            LogJSON.appendField("stream", stream.rawValue, to: &out)
        }
        LogJSON.appendField("level", line.level.rawValue, to: &out)
        LogJSON.appendField("message", line.message, to: &out)
        out.append(UInt8(ascii: "}"))
        out.append(0x0A)
    }

    static func encode(_ line: LogLine) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + line.message.utf8.count)
        encode(line, into: &out)
        return out
    }

    /// One record without its newline; nil when it is not a well-formed record.
    static func decode(_ bytes: ArraySlice<UInt8>) -> LogLine? {
        guard let fields = LogJSON.parseFlatObject(bytes),
            let timestampText = fields["timestamp"], let timestamp = LogTimestamp(rfc3339: timestampText),
            let machineID = fields["machine"], let message = fields["message"]
        else { return nil }
        return LogLine(
            timestamp: timestamp,
            app: fields["app"] ?? "",
            machineID: machineID,
            processGroup: fields["process_group"] ?? "",
            region: fields["region"] ?? "local",
            stream: fields["stream"].flatMap(LogStream.init(rawValue:)),
            level: LogLevel(rawValue: fields["level"] ?? "info"),
            source: LogSource(rawValue: fields["source"] ?? "app"),
            message: message
        )
    }
}
