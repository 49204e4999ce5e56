import Foundation
import HangarCore
import HangarStore

/// Logs: each machine's log as `LogWriter` keeps it, read with `LogReader`, in Fly's fields.
extension Supervisor {
    public func logs(_ query: LogQuery) async throws(ControlError) -> [LogEntry] {
        let filter = try logFilter(query)
        guard (1...10_000).contains(query.tail) else {
            throw ControlError(.invalid, "invalid tail \(query.tail): expected 1 to 10000 lines")
        }
        do throws(LogError) {
            return try LogReader(directory: logDirectory).tail(query.tail, filter: filter).map(Self.entry)
        } catch {
            throw ControlError(.failed, "reading the logs: \(error)")
        }
    }

    public func followLogs(_ query: LogQuery) async throws(ControlError) -> AsyncStream<LogEntry> {
        let filter = try logFilter(query)
        let lines: AsyncStream<LogLine>
        do throws(LogError) {
            lines = try LogReader(directory: logDirectory).follow(filter: filter, pollInterval: options.pollInterval)
        } catch {
            throw ControlError(.failed, "following the logs: \(error)")
        }
        let (stream, continuation) = AsyncStream<LogEntry>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let task = Task {
            for await line in lines {
                continuation.yield(Self.entry(line))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The filter of a query, after checking the app, machine id and group.
    func logFilter(_ query: LogQuery) throws(ControlError) -> LogFilter {
        _ = try requireApp(query.app)
        if let machine = query.machine { _ = try requireMachine(machine, app: query.app) }
        if let group = query.group { try storeCall { () throws(StoreError) in try NameRules.validateGroupName(group) } }
        return LogFilter(machineIDs: query.machine.map { [$0] }, app: query.app, processGroup: query.group)
    }

    /// A log line in the API's fields; the time in whole seconds, as `fly logs` prints it.
    static func entry(_ line: LogLine) -> LogEntry {
        LogEntry(
            timestamp: line.timestamp.rfc3339Seconds, source: line.source.rawValue, machine: line.machineID,
            group: line.processGroup, region: line.region, level: line.level.rawValue, message: line.message)
    }
}
