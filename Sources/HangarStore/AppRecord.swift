import Foundation
import GRDB

/// A registered app: its name and the fly.toml it was registered from.
public struct AppRecord: Sendable, Equatable, Codable {
    public var name: String
    /// The fly.toml path it was last registered with.
    public var configPath: String?
    /// The directory machines run in (the fly.toml's directory).
    public var directory: String?
    /// Counts every change to the app's secrets, so the runtime can tell whether a machine has the
    /// latest ones (Fly's `min_secrets_version`).
    public var secretsVersion: Int
    /// `hangar up --restart-unhealthy`: a machine whose check stays critical is restarted.
    public var restartUnhealthy: Bool = false
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        name: String, configPath: String?, directory: String?, secretsVersion: Int, createdAt: Date, updatedAt: Date
    ) {
        self.name = name
        self.configPath = configPath
        self.directory = directory
        self.secretsVersion = secretsVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: Row) throws {
        name = try row.decode(forColumn: "name")
        configPath = try row.decode(forColumn: "config_path")
        directory = try row.decode(forColumn: "directory")
        secretsVersion = try row.decode(forColumn: "secrets_version")
        restartUnhealthy = (try row.decode(forColumn: "restart_unhealthy") as Int) != 0
        createdAt = StoreClock.date(try row.decode(forColumn: "created_at"))
        updatedAt = StoreClock.date(try row.decode(forColumn: "updated_at"))
    }
}
