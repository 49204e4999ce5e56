/// A compose file (the Compose Specification), only the parts an export writes.
struct ComposeFile: Encodable, Sendable {
    var name: String
    var services: SortedMap<ComposeService>
    var volumes: SortedMap<ComposeVolume>?
    var configs: SortedMap<ComposeConfig>?
    var secrets: SortedMap<ComposeSecret>?
}

struct ComposeService: Encodable, Sendable, Equatable {
    var image: String
    var build: Build?
    var entrypoint: [String]?
    var command: [String]?
    var environment: [YAMLText]?
    var ports: [String]?
    var expose: [String]?
    var volumes: [String]?
    var configs: [FileRef]?
    var secrets: [FileRef]?
    var labels: SortedMap<YAMLText>?
    var healthcheck: Healthcheck?
    var restart: String?
    var stopSignal: String?
    var stopGracePeriod: String?
    var memswapLimit: String?
    var dependsOn: SortedMap<Dependency>?
    var deploy: Deploy?

    enum CodingKeys: String, CodingKey {
        case image, build, entrypoint, command, environment, ports, expose, volumes, configs, secrets, labels
        case healthcheck, restart
        case stopSignal = "stop_signal"
        case stopGracePeriod = "stop_grace_period"
        case memswapLimit = "memswap_limit"
        case dependsOn = "depends_on"
        case deploy
    }

    struct Build: Encodable, Sendable, Equatable {
        var context: String
        var dockerfile: String?
        var target: String?
        var args: SortedMap<YAMLText>?
    }

    struct FileRef: Encodable, Sendable, Equatable {
        var source: String
        var target: String
    }

    struct Healthcheck: Encodable, Sendable, Equatable {
        var test: [String]
        var interval: String
        var timeout: String
        var startPeriod: String

        enum CodingKeys: String, CodingKey {
            case test, interval, timeout
            case startPeriod = "start_period"
        }
    }

    struct Dependency: Encodable, Sendable, Equatable {
        var condition: String
    }

    struct Deploy: Encodable, Sendable, Equatable {
        var replicas: Int
        var resources: Resources
        var updateConfig: UpdateConfig?

        enum CodingKeys: String, CodingKey {
            case replicas, resources
            case updateConfig = "update_config"
        }
    }

    struct Resources: Encodable, Sendable, Equatable {
        var limits: Limits
        var reservations: Reservations
    }

    struct Limits: Encodable, Sendable, Equatable {
        var cpus: String
        var memory: String
    }

    struct Reservations: Encodable, Sendable, Equatable {
        var cpus: String
        var memory: String
        var devices: [Device]?
    }

    struct Device: Encodable, Sendable, Equatable {
        var driver: String
        var count: Int
        var capabilities: [String]
    }

    struct UpdateConfig: Encodable, Sendable, Equatable {
        var parallelism: Int
        var order: String
        var monitor: String
    }
}

/// A named volume (Docker's default driver).
struct ComposeVolume: Encodable, Sendable, Equatable {}

/// A config file: inline `content` or a `file` beside the compose file.
struct ComposeConfig: Encodable, Sendable, Equatable {
    var content: String?
    var file: String?
}

/// A secret file read from an environment variable of the shell running compose.
struct ComposeSecret: Encodable, Sendable, Equatable {
    var environment: String
}
