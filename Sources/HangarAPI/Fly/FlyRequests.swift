/// Fly's `StopRequest` (`POST .../stop`): Hangar stops with the machine's kill_signal and kill_timeout.
public struct FlyStopRequest: Sendable, Codable, Equatable {
    public var signal: String?
    public var timeout: String?
}

/// The parts of Fly's `CreateMachineRequest` and `UpdateMachineRequest` Hangar acts on: the process
/// group (`config.metadata.fly_process_group`), and `config.size` / `config.guest.memory_mb`.
public struct FlyMachineRequest: Sendable, Codable, Equatable {
    public struct Config: Sendable, Codable, Equatable {
        public var size: String?
        public var guest: FlyGuest?
        public var metadata: [String: String]?
        public var image: String?
    }

    public var config: Config?
    public var name: String?
    public var region: String?
    public var skipLaunch: Bool?

    enum CodingKeys: String, CodingKey {
        case config, name, region
        case skipLaunch = "skip_launch"
    }
}

/// The body of Fly's answers that carry no object (`start`, `stop`, `restart`, `wait`, ...).
public struct FlyOK: Sendable, Codable, Equatable {
    public var ok = true
}
