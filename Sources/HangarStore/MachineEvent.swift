import Foundation
import GRDB

/// One entry of a machine's event log (Fly's machine events: `type`, `status`, `source`, `timestamp`
/// in milliseconds, and a request payload). Every state change writes one, in the same transaction.
public struct MachineEvent: Sendable, Equatable, Codable {
    /// Increases with every event of the store; a cursor for following events.
    public var id: Int64
    public var app: String
    public var machineID: String
    public var type: EventType
    /// The machine's state after the event.
    public var status: MachineState
    public var source: EventSource
    public var payload: EventPayload
    public var timestamp: Date

    /// Milliseconds since 1970, as Fly's API gives event times.
    public var timestampMilliseconds: Int64 { StoreClock.millis(timestamp) }

    /// What a caller says about an event it asks the store to record.
    public struct Draft: Sendable, Equatable {
        public var type: EventType
        public var source: EventSource
        public var payload: EventPayload

        public init(_ type: EventType, source: EventSource = .hangar, payload: EventPayload = EventPayload()) {
            self.type = type
            self.source = source
            self.payload = payload
        }
    }

    init(
        id: Int64, app: String, machineID: String, type: EventType, status: MachineState, source: EventSource,
        payload: EventPayload, timestamp: Date
    ) {
        self.id = id
        self.app = app
        self.machineID = machineID
        self.type = type
        self.status = status
        self.source = source
        self.payload = payload
        self.timestamp = timestamp
    }

    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        app = try row.decode(forColumn: "app")
        machineID = try row.decode(forColumn: "machine_id")
        type = EventType(unchecked: try row.decode(forColumn: "type"))
        let statusText: String = try row.decode(forColumn: "status")
        guard let status = MachineState(rawValue: statusText) else {
            throw StoreError.storage("event \(id) has an unknown status \(NameRules.quoted(statusText))")
        }
        self.status = status
        source = EventSource(unchecked: try row.decode(forColumn: "source"))
        let payloadText: String = try row.decode(forColumn: "payload")
        payload = try StoreJSON.decode(EventPayload.self, from: payloadText, what: "the payload of event \(id)")
        timestamp = StoreClock.date(try row.decode(forColumn: "timestamp"))
    }
}

/// An event's type: Fly's (`launch`, `start`, `exit`, `stop`, `restart`, `update`, `destroy`) plus
/// Hangar's own (`oom`, ...). Lowercase letters and underscores.
public struct EventType: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) throws(StoreError) {
        try EventLabel.validate(rawValue, what: "event type")
        self.rawValue = rawValue
    }

    init(unchecked rawValue: String) { self.rawValue = rawValue }

    public static let launch = EventType(unchecked: "launch")
    public static let start = EventType(unchecked: "start")
    public static let exit = EventType(unchecked: "exit")
    public static let stop = EventType(unchecked: "stop")
    public static let restart = EventType(unchecked: "restart")
    public static let update = EventType(unchecked: "update")
    public static let suspend = EventType(unchecked: "suspend")
    public static let destroy = EventType(unchecked: "destroy")
    public static let oom = EventType(unchecked: "oom")
    public static let fail = EventType(unchecked: "fail")

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Who caused an event: `user` (a CLI or API request), `hangar` (the supervisor: restarts, exits
/// observed), `flyd` (kept for tools that expect Fly's name for the machine host).
public struct EventSource: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) throws(StoreError) {
        try EventLabel.validate(rawValue, what: "event source")
        self.rawValue = rawValue
    }

    init(unchecked rawValue: String) { self.rawValue = rawValue }

    public static let user = EventSource(unchecked: "user")
    public static let hangar = EventSource(unchecked: "hangar")
    public static let flyd = EventSource(unchecked: "flyd")

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

enum EventLabel {
    static func validate(_ value: String, what: String) throws(StoreError) {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 32,
            bytes.allSatisfy({ ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || $0 == UInt8(ascii: "_") })
        else {
            throw .invalid("invalid \(what) \(NameRules.quoted(value)): use 1 to 32 lowercase letters and underscores")
        }
    }
}
