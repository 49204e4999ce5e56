import Foundation
import HangarRuntime

/// Fly's `MachineEvent`: `timestamp` in milliseconds since 1970, details under `request`.
public struct FlyMachineEvent: Sendable, Codable, Equatable {
    public var id: String
    public var type: String
    public var status: String
    public var source: String
    public var timestamp: Int64
    public var request: [String: String]?

    public init(_ event: EventSummary, index: Int) {
        let millis = Self.millis(event.timestamp)
        id = "\(event.machine)-\(millis)-\(index)"
        type = event.type
        status = event.status
        source = event.source
        timestamp = millis
        request = event.detail.map { ["detail": $0] }
    }

    /// Back to the runtime's value, for the CLI.
    public func summary(machine: String) -> EventSummary {
        let date = Date(timeIntervalSince1970: Double(timestamp) / 1000)
        return EventSummary(
            machine: machine, type: type, status: status, source: source, timestamp: date.ISO8601Format(),
            detail: request?["detail"])
    }

    static func millis(_ iso: String) -> Int64 {
        guard let date = try? Date(iso, strategy: .iso8601) else { return 0 }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
