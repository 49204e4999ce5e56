import HangarProxy
import HangarRuntime
import HangarStore
import Synchronization

/// The daemon's side of the proxy's access log: each line goes into the serving machine's log file
/// (`<home>/logs/<machine-id>.log`) as a `proxy` line, so `hangar logs` shows it as
/// `proxy[<machine id>] local [info] GET / 200 …`. Lines without a machine (the proxy answered
/// alone) are not written: there is no machine log to hold them.
///
/// It keeps its own `LogWriter` per machine next to the supervisor's; both append whole records
/// with O_APPEND, so lines never interleave inside a record. Each writer rotates by its own count,
/// so a busy machine's file may pass the size limit by the proxy's share before it rotates.
final class ProxyAccessLogSink: AccessLogSink {
    let directory: String
    private let writers = Mutex<[String: LogWriter]>([:])

    init(location: StoreLocation) {
        self.directory = LogFiles(location: location).directory
    }

    func write(_ entries: [AccessLogEntry]) {
        var byMachine: [String: [AccessLogEntry]] = [:]
        for entry in entries where !entry.machineID.isEmpty { byMachine[entry.machineID, default: []].append(entry) }
        for (machineID, lines) in byMachine {
            guard let first = lines.first, let writer = writer(machineID: machineID, app: first.app, group: first.group) else {
                continue
            }
            writer.append(
                lines.map { entry in
                    HangarRuntime.LogLine(
                        timestamp: LogTimestamp(microseconds: entry.timestampMicroseconds), app: entry.app,
                        machineID: entry.machineID, processGroup: entry.group, region: writer.options.region, stream: nil,
                        level: LogLevel(rawValue: entry.level.rawValue), source: .proxy, message: entry.message)
                })
        }
    }

    private func writer(machineID: String, app: String, group: String) -> LogWriter? {
        writers.withLock { writers in
            if let writer = writers[machineID] { return writer }
            guard let writer = try? LogWriter(directory: directory, app: app, machineID: machineID, processGroup: group) else {
                return nil
            }
            writers[machineID] = writer
            return writer
        }
    }

    /// Closes every file (at daemon stop).
    func close() {
        writers.withLock { writers in
            for writer in writers.values { writer.close() }
            writers.removeAll()
        }
    }
}
