@testable import FlyConfig

/// Shared helpers for rule tests: build configs in place and run one rule on them.
func makeConfig(_ build: (inout AppConfig) -> Void) -> AppConfig {
    var config = AppConfig(app: "demo")
    build(&config)
    return config
}

func makeService(
    _ proto: String? = "tcp", internalPort: Int? = 8080, ports: [Int] = [443], processes: [String]? = nil
) -> Service {
    var service = Service()
    service.protocol = proto
    service.internalPort = internalPort
    service.ports = ports.map { ServicePort(port: $0, handlers: $0 == 443 ? ["tls", "http"] : ["http"]) }
    service.processes = processes
    return service
}

func makeHTTPService(internalPort: Int? = 8080, processes: [String]? = nil) -> HTTPService {
    var http = HTTPService()
    http.internalPort = internalPort
    http.processes = processes
    return http
}

func makeMount(_ source: String = "data", processes: [String]? = nil, _ edit: (inout Mount) -> Void = { _ in }) -> Mount {
    var mount = Mount(source: source, destination: "/data")
    mount.processes = processes
    edit(&mount)
    return mount
}

func makeCheck(_ type: String? = "http", port: Int? = 8080, processes: [String]? = nil) -> TopLevelCheck {
    var check = TopLevelCheck()
    check.type = type
    check.port = port
    check.processes = processes
    return check
}

func makeVM(_ edit: (inout VM) -> Void) -> VM {
    var vm = VM()
    edit(&vm)
    return vm
}

extension Rule {
    /// Runs the rule on the whole app, or on one group's flattened view as `RuleSet` does.
    func run(_ config: AppConfig, group: String? = nil, directory: String? = nil) -> [Diagnostic] {
        guard let group else { return check(RuleContext(config: config, directory: directory)) }
        let map = GroupPathMap(config: config, group: group)
        return check(
            RuleContext(
                config: config.flattened(for: group), group: group, directory: directory,
                originalPath: { map.original($0) }))
    }
}

extension Array where Element == Diagnostic {
    var codes: [String] { map(\.code) }
    var paths: [String] { map { $0.path ?? "" } }
    var errors: [Diagnostic] { filter { $0.severity == .error } }
    func with(_ code: String) -> [Diagnostic] { filter { $0.code == code } }
}
