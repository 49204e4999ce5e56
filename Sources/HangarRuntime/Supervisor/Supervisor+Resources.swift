import Foundation
import HangarCore
import HangarStore

/// Secrets and events: thin over the store, with its refusals as `ControlError`s.
extension Supervisor {
    /// Seals and stores the values. Running machines keep the environment they started with: they
    /// see new values when they next start (`up` after a change restarts them with a new version).
    public func setSecrets(app: String, values: [String: String]) async throws(ControlError) -> [SecretSummary] {
        _ = try requireApp(app)
        try storeCall { () throws(StoreError) in _ = try store.setSecrets(app: app, values) }
        return try secretSummaries(app)
    }

    public func unsetSecrets(app: String, names: [String]) async throws(ControlError) -> [SecretSummary] {
        _ = try requireApp(app)
        try storeCall { () throws(StoreError) in _ = try store.unsetSecrets(app: app, names: names) }
        return try secretSummaries(app)
    }

    public func secrets(app: String) async throws(ControlError) -> [SecretSummary] {
        _ = try requireApp(app)
        return try secretSummaries(app)
    }

    func secretSummaries(_ app: String) throws(ControlError) -> [SecretSummary] {
        try storeCall { () throws(StoreError) in try store.secrets(app: app) }.map { secret in
            SecretSummary(name: secret.name, digest: secret.digest, createdAt: secret.createdAt.ISO8601Format())
        }
    }

    /// The newest `limit` events of the app (or one machine), newest first, as `fly machine status`
    /// lists them.
    public func events(app: String, machine: String?, limit: Int) async throws(ControlError) -> [EventSummary] {
        _ = try requireApp(app)
        guard (1...10_000).contains(limit) else {
            throw ControlError(.invalid, "invalid limit \(limit): expected 1 to 10000")
        }
        var events: [MachineEvent]
        if let machine {
            _ = try requireMachine(machine, app: app)
            events = try storeCall { () throws(StoreError) in try store.events(machine: machine, limit: limit) }
        } else {
            let records = try storeCall { () throws(StoreError) in
                try store.machines(app: app, includeDestroyed: true)
            }
            events = []
            for record in records {
                events += try storeCall { () throws(StoreError) in try store.events(machine: record.id, limit: limit) }
            }
            events.sort { $0.id > $1.id }
            events = Array(events.prefix(limit))
        }
        return events.map(Self.summary)
    }

    static func summary(_ event: MachineEvent) -> EventSummary {
        let payload = event.payload
        var detail = payload.reason
        if detail == nil {
            if let code = payload.exitCode {
                detail = "exit code \(code)"
            } else if let signal = payload.signal {
                detail = ExitRecord.signalText(signal)
            } else if let version = payload.version {
                detail = "version \(version)"
            }
        }
        if payload.restarting == true { detail = (detail.map { $0 + "; " } ?? "") + "restarting" }
        return EventSummary(
            machine: event.machineID, type: event.type.rawValue, status: event.status.rawValue,
            source: event.source.rawValue, timestamp: event.timestamp.ISO8601Format(), detail: detail)
    }
}
