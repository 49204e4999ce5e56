import Foundation
import Synchronization

// Public API:
//
//     // the daemon implements the sink with the runtime's log writer (lines land in `hangar logs`)
//     let accessLog = AccessLog(sink: daemonSink)
//     // the proxy, once per request (or per refused connection), on any thread:
//     accessLog.record(AccessLogRecord(app: "web", machineID: id, group: "app", method: "GET", path: "/",
//                                      status: 200, duration: elapsed, bytesIn: 0, bytesOut: 512,
//                                      requestID: requestID, clientIP: "127.0.0.1", host: "web.localhost"))
//     accessLog.shutdown()   // flushes what is buffered
//
// Each record becomes one line that `hangar logs` prints as
//
//     2026-11-22T14:00:00Z proxy[3d8d9a1c2e4f56] local [info] GET / 200 1.2ms 512B request.id="…-local" client.ip="127.0.0.1" host="web.localhost"
//
// (the `proxy[<machine>] local [level]` part is the log writer's). A record with an error code (a
// request the proxy answered itself: no machine, timeout, refused) is logged at `error` with
// `error.code="PC01"`-style fields, as Fly's proxy logs them; other 5xx at `warn`. Records are
// buffered and handed to the sink from a background task every `flushInterval`, in batches of at
// most `maxBatch`, so the request path never waits for the disk. When more than `maxBuffered`
// lines wait (the sink cannot keep up), new lines are dropped and counted in `droppedCount`.

/// Where access log lines go: implemented by the daemon over the runtime's log files.
public protocol AccessLogSink: Sendable {
    func write(_ entries: [AccessLogEntry])
}

/// One formatted line for one machine's log.
public struct AccessLogEntry: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable {
        case info, warn, error
    }

    public var app: String
    /// The machine that served the request; empty when none did (the line belongs to the app).
    public var machineID: String
    public var group: String
    /// Microseconds since 1970 (UTC).
    public var timestampMicroseconds: Int64
    public var level: Level
    public var message: String

    public init(app: String, machineID: String, group: String, timestampMicroseconds: Int64, level: Level, message: String) {
        self.app = app
        self.machineID = machineID
        self.group = group
        self.timestampMicroseconds = timestampMicroseconds
        self.level = level
        self.message = message
    }
}

/// What the proxy knows about one request when it has answered it.
public struct AccessLogRecord: Sendable, Hashable {
    public var app: String
    public var machineID: String
    public var group: String
    public var method: String
    public var path: String
    public var status: Int
    public var duration: Duration
    public var bytesIn: Int
    public var bytesOut: Int
    public var requestID: String
    public var clientIP: String
    public var host: String
    /// Fly's proxy error code when the proxy answered itself (`PC01` refused, `PR04` no capacity…).
    public var errorCode: String?
    public var errorMessage: String?

    public init(
        app: String, machineID: String, group: String, method: String, path: String, status: Int, duration: Duration,
        bytesIn: Int, bytesOut: Int, requestID: String, clientIP: String, host: String, errorCode: String? = nil,
        errorMessage: String? = nil
    ) {
        self.app = app
        self.machineID = machineID
        self.group = group
        self.method = method
        self.path = path
        self.status = status
        self.duration = duration
        self.bytesIn = bytesIn
        self.bytesOut = bytesOut
        self.requestID = requestID
        self.clientIP = clientIP
        self.host = host
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}

/// Formats access log records and hands them to a sink in batches.
public final class AccessLog: Sendable {
    public let sink: any AccessLogSink
    public let flushInterval: Duration
    public let maxBatch: Int
    public let maxBuffered: Int
    private let state = Mutex<State>(State())
    private let flusher = Mutex<Task<Void, Never>?>(nil)

    struct State {
        var pending: [AccessLogEntry] = []
        var dropped = 0
        var stopped = false
    }

    public init(
        sink: any AccessLogSink, flushInterval: Duration = .milliseconds(200), maxBatch: Int = 512,
        maxBuffered: Int = 50_000
    ) {
        self.sink = sink
        self.flushInterval = flushInterval
        self.maxBuffered = max(1, maxBuffered)
        self.maxBatch = max(1, maxBatch)
        let interval = flushInterval
        let task = Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                self.flush()
            }
        }
        flusher.withLock { $0 = task }
    }

    deinit {
        flusher.withLock { $0?.cancel() }
    }

    /// Lines dropped because the sink fell behind.
    public var droppedCount: Int { state.withLock { $0.dropped } }

    public func record(_ record: AccessLogRecord) {
        append(Self.entry(record, at: Self.nowMicroseconds()))
    }

    /// A line of the proxy's own about an app (e.g. "Starting machine"), in the same stream.
    public func note(app: String, machineID: String, group: String, level: AccessLogEntry.Level, message: String) {
        append(
            AccessLogEntry(
                app: app, machineID: machineID, group: group, timestampMicroseconds: Self.nowMicroseconds(), level: level,
                message: message))
    }

    func append(_ entry: AccessLogEntry) {
        state.withLock { state in
            guard !state.stopped else { return }
            guard state.pending.count < maxBuffered else {
                state.dropped += 1
                return
            }
            state.pending.append(entry)
        }
    }

    /// Hands everything buffered to the sink now (in batches of at most `maxBatch`).
    public func flush() {
        let pending = state.withLock { state in
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
        var start = 0
        while start < pending.count {
            let end = min(pending.count, start + maxBatch)
            sink.write(Array(pending[start..<end]))
            start = end
        }
    }

    /// Flushes and stops: later records are ignored.
    public func shutdown() {
        flusher.withLock { task in
            task?.cancel()
            task = nil
        }
        flush()
        state.withLock { $0.stopped = true }
    }

    static func nowMicroseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The line for one record (see the file's notes).
    public static func entry(_ record: AccessLogRecord, at timestamp: Int64) -> AccessLogEntry {
        let level: AccessLogEntry.Level =
            record.errorCode != nil ? .error : (record.status >= 500 || record.status < 100 ? .warn : .info)
        var message = "\(safe(record.method)) \(safe(record.path, limit: 2048)) \(record.status) "
        message += formatDuration(record.duration) + " " + formatBytes(record.bytesOut)
        if let code = record.errorCode {
            message += " error.code=\(quoted(code))"
            if let text = record.errorMessage { message += " error.message=\(quoted(text))" }
        }
        if !record.requestID.isEmpty { message += " request.id=\(quoted(record.requestID))" }
        message += " client.ip=\(quoted(record.clientIP))"
        if !record.host.isEmpty { message += " host=\(quoted(record.host))" }
        if record.bytesIn > 0 { message += " request.bytes=\(record.bytesIn)" }
        return AccessLogEntry(
            app: record.app, machineID: record.machineID, group: record.group, timestampMicroseconds: timestamp,
            level: level, message: message)
    }

    /// `850µs`, `1.2ms`, `35ms`, `1.50s`.
    static func formatDuration(_ duration: Duration) -> String {
        let micros = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
        if micros < 1000 { return "\(Int(micros.rounded()))µs" }
        if micros < 10_000 { return String(format: "%.1fms", micros / 1000) }
        if micros < 1_000_000 { return "\(Int((micros / 1000).rounded()))ms" }
        return String(format: "%.2fs", micros / 1e6)
    }

    static func formatBytes(_ count: Int) -> String {
        "\(max(0, count))B"
    }

    /// Control characters and spaces (which would split fields) are escaped; long values are cut.
    static func safe(_ text: String, limit: Int = 64) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            if scalar.value < 0x21 || scalar.value == 0x7F {
                out += String(format: "%%%02X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if text.unicodeScalars.count > limit { out += "…" }
        return out.isEmpty ? "-" : out
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars.prefix(512) {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
