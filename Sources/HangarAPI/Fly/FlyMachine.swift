import Foundation
import HangarCore
import HangarRuntime
import HangarStore

/// A machine in the shape of Fly's `Machine` schema (snake_case, Fly's field names and types), made
/// from the runtime's `MachineStatus` and, when the store has it, the machine's record (its spec).
public struct FlyMachine: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var state: String
    public var region: String
    public var instanceID: String
    public var privateIP: String
    public var config: FlyMachineConfig
    public var imageRef: FlyImageRef
    public var createdAt: String
    public var updatedAt: String
    public var events: [FlyMachineEvent]
    public var checks: [FlyCheckStatus]

    enum CodingKeys: String, CodingKey {
        case id, name, state, region, config, events, checks
        case instanceID = "instance_id"
        case privateIP = "private_ip"
        case imageRef = "image_ref"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(app: String, status: MachineStatus, record: MachineRecord?, events: [FlyMachineEvent] = []) {
        id = status.id
        name = "\(app)-\(status.group)-\(status.id.prefix(6))"
        state = status.state
        region = status.region
        instanceID = status.version
        privateIP = status.address ?? ""
        config = FlyMachineConfig(app: app, status: status, spec: record?.spec)
        imageRef = FlyImageRef(app: app)
        createdAt = (record?.createdAt).map { $0.ISO8601Format() } ?? status.updatedAt
        updatedAt = status.updatedAt
        self.events = events
        checks = status.checks.map {
            FlyCheckStatus(name: $0.name, status: $0.status, output: $0.output, updatedAt: $0.updatedAt)
        }
    }

    /// Back to the runtime's value, for the CLI (fields Fly's shape does not carry come from metadata).
    public var machineStatus: MachineStatus {
        let metadata = config.metadata ?? [:]
        return MachineStatus(
            id: id, group: metadata["fly_process_group"] ?? "app", version: instanceID, region: region, state: state,
            checks: checks.map {
                MachineCheckStatus(name: $0.name, status: $0.status, output: $0.output ?? "", updatedAt: $0.updatedAt ?? "")
            },
            memoryMB: config.guest?.memoryMB ?? 0, address: privateIP.isEmpty ? nil : privateIP,
            port: metadata["hangar_port"].flatMap { Int($0) }, volume: config.mounts?.first?.volume,
            updatedAt: updatedAt, lastExit: metadata["hangar_last_exit"])
    }
}

/// Fly's `ImageRef`: Hangar runs the app's own files, so the image is named after the app.
public struct FlyImageRef: Sendable, Codable, Equatable {
    public var registry: String
    public var repository: String
    public var tag: String
    public var digest: String
    public var labels: [String: String]

    init(app: String) {
        registry = "local"
        repository = app
        tag = "local"
        digest = ""
        labels = [:]
    }
}

/// Fly's `CheckStatus`.
public struct FlyCheckStatus: Sendable, Codable, Equatable {
    public var name: String
    public var status: String
    public var output: String?
    public var updatedAt: String?

    enum CodingKeys: String, CodingKey {
        case name, status, output
        case updatedAt = "updated_at"
    }
}
