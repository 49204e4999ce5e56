import Foundation

/// Picks how machines run on this host: `isolated` (namespaces, own address, cgroup limits) when
/// the daemon is root and the host can make namespaces and veth pairs, else `shared`.
enum ModeResolver {
    /// Why isolated machines cannot run here, or nil when they can (probed once).
    static let isolationUnavailable: String? = {
        if geteuid() != 0 { return "it needs root" }
        if HostCommand.find("ip") == nil { return "iproute2 (`ip`) is not installed" }
        if HostCommand.find("nsenter") == nil { return "`nsenter` (util-linux) is not installed" }
        do throws(SpawnError) {
            let child = try Spawner.spawn(SpawnRequest(
                path: "/bin/true", argv: ["true"], env: [], fds: [], namespaces: MachineProcess.allNamespaces))
            _ = child.waitForExit()
        } catch {
            return "this host cannot create namespaces (\(error.description))"
        }
        return nil
    }()

    /// The concrete mode (`isolated` or `shared`) for a request, and what to tell the user.
    static func resolve(_ requested: RuntimeMode) throws(ControlError) -> (mode: RuntimeMode, notes: [String]) {
        switch requested {
        case .shared:
            return (.shared, ["mode shared: machines share the host network; each gets its own $PORT"])
        case .isolated:
            if let reason = isolationUnavailable {
                throw ControlError(.invalid, "isolated mode is unavailable: \(reason); use --mode shared")
            }
            return (.isolated, [isolatedNote])
        case .auto:
            if let reason = isolationUnavailable {
                return (.shared, [
                    "mode shared (isolated mode is unavailable: \(reason)): machines share the host network; "
                        + "each gets its own $PORT"
                ])
            }
            return (.isolated, [isolatedNote])
        }
    }

    static let isolatedNote =
        "mode isolated: each machine has its own network namespace and 169.254.x.y address; limits: "
        + ResourceLimiter.host.description
}
