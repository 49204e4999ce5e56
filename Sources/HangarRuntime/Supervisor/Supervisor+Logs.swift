import Foundation
import HangarCore
import HangarStore

/// Logs through `MachineLogFiles`: the machine's output file, read back in Fly's fields.
extension Supervisor {
    public func logs(_ query: LogQuery) async throws(ControlError) -> [LogEntry] {
        let records = try logMachines(query)
        guard (1...10_000).contains(query.tail) else {
            throw ControlError(.invalid, "invalid tail \(query.tail): expected 1 to 10000 lines")
        }
        var entries: [(date: Date, entry: LogEntry)] = []
        for record in records {
            let (lines, modified) = logFiles.tail(machine: record.id, count: query.tail)
            let stamp = modified.ISO8601Format()
            for line in lines {
                entries.append((modified, LogEntry(timestamp: stamp, source: "app", machine: record.id, group: record.group, message: line)))
            }
        }
        // Lines of one machine keep their order; machines are ordered by their last write.
        let ordered = entries.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
        }.map(\.element.entry)
        return Array(ordered.suffix(query.tail))
    }

    public func followLogs(_ query: LogQuery) async throws(ControlError) -> AsyncStream<LogEntry> {
        _ = try logMachines(query)
        let (stream, continuation) = AsyncStream<LogEntry>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let files = logFiles
        let store = store
        let interval = options.pollInterval
        let task = Task {
            var offsets: [String: UInt64] = [:]
            var first = true
            while !Task.isCancelled {
                let records = (try? Self.matching(query, store: store)) ?? []
                for record in records {
                    // Machines present when following began start at their end; new ones at their start.
                    let offset: UInt64
                    if let known = offsets[record.id] {
                        offset = known
                    } else if first {
                        offsets[record.id] = files.size(machine: record.id)
                        continue
                    } else {
                        offset = 0
                    }
                    let (lines, next) = files.read(machine: record.id, from: offset)
                    offsets[record.id] = next
                    let stamp = Date().ISO8601Format()
                    for line in lines {
                        continuation.yield(
                            LogEntry(timestamp: stamp, source: "app", machine: record.id, group: record.group, message: line))
                    }
                }
                first = false
                try? await Task.sleep(for: interval)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The machines a query reads, after checking the app, machine id and group.
    func logMachines(_ query: LogQuery) throws(ControlError) -> [MachineRecord] {
        _ = try requireApp(query.app)
        if let machine = query.machine { _ = try requireMachine(machine, app: query.app) }
        return try Self.matching(query, store: store)
    }

    static func matching(_ query: LogQuery, store: HangarStore) throws(ControlError) -> [MachineRecord] {
        var records = try storeCall { () throws(StoreError) in try store.machines(app: query.app, group: query.group) }
        if let machine = query.machine { records = records.filter { $0.id == machine } }
        return records
    }
}
