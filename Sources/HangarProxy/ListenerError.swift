/// A port the edge could not listen on, with what to do about it.
public struct ListenerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var port: Int
    public var apps: [String]
    public var reason: String

    public var description: String {
        let owners = apps.isEmpty ? "" : " (for \(apps.joined(separator: ", ")))"
        var hint = "pass --port-offset N to the daemon (or `hangar up`) so every public port listens on port + N"
        if port < 1024 {
            hint = "ports below 1024 need root or CAP_NET_BIND_SERVICE; " + hint
        }
        return "cannot listen on port \(port)\(owners): \(reason); \(hint)"
    }
}
