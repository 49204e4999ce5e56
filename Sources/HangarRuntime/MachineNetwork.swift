import Foundation

/// The network of an isolated Machine: a veth pair from the host's namespace into the Machine's,
/// configured with `ip` (iproute2) from the host side.
///
/// - Host end `hgv<index>` holds the even address of the Machine's /31 and /127, and forwards
///   (per interface only: the host's global `ip_forward` is never touched) so Machines reach each
///   other through the host.
/// - Machine end `eth0` holds the odd address, routes `169.254.0.0/16` and `fdaa::/16` through
///   the host end, and has no default route (no egress; see docs/isolation.md).
///
/// The pair lives as long as the Machine's network namespace: when the last process of the
/// Machine exits the kernel deletes both ends. `tearDown` deletes them at once anyway, so the
/// index can be reused immediately.
public enum MachineNetwork {
    /// True when the host end of `address` exists.
    public static func isPresent(_ address: MachineAddress) -> Bool {
        FileManager.default.fileExists(atPath: "/sys/class/net/\(address.hostInterface)")
    }

    /// Connects the network namespace of `pid` (the Machine's init, waiting for its spec).
    static func setUp(_ address: MachineAddress, pid: Int32) throws(LaunchError) {
        let interface = address.hostInterface
        if isPresent(address) { throw .addressInUse("interface \(interface)") }
        let taken = try HostCommand.run(["ip", "-o", "addr", "show", "to", "\(address.hostIPv4)/31"])
        if taken.succeeded && !taken.output.isEmpty { throw .addressInUse(address.ipv4) }

        let created = try HostCommand.run(["ip", "link", "add", interface, "type", "veth", "peer", "name", "eth0", "netns", String(pid)])
        guard created.succeeded else {
            if created.output.contains("File exists") { throw .addressInUse("interface \(interface)") }
            throw .command("ip link add \(interface)", created.output)
        }
        do {
            let ipv6 = ipv6Enabled
            var host = "addr add \(address.hostIPv4)/\(MachineAddress.ipv4PrefixLength) dev \(interface)\n"
            if ipv6 { host += "addr add \(address.hostIPv6)/\(MachineAddress.ipv6PrefixLength) dev \(interface) nodad\n" }
            host += "link set \(interface) up\n"
            try HostCommand.check(["ip", "-batch", "-"], input: host)
            try writeSysctl("/proc/sys/net/ipv4/conf/\(interface)/forwarding", "1")
            // Linux 6.17+: forward IPv6 arriving on this interface only. Older kernels have no
            // per-interface switch; Machines then reach each other over IPv4 only.
            let forceForwarding = "/proc/sys/net/ipv6/conf/\(interface)/force_forwarding"
            if ipv6 && FileManager.default.fileExists(atPath: forceForwarding) { try writeSysctl(forceForwarding, "1") }

            var inside = "link set lo up\n"
            inside += "addr add \(address.ipv4)/\(MachineAddress.ipv4PrefixLength) dev eth0\n"
            if ipv6 { inside += "addr add \(address.ipv6)/\(MachineAddress.ipv6PrefixLength) dev eth0 nodad\n" }
            inside += "link set eth0 up\n"
            inside += "route add \(MachineAddress.ipv4Range) via \(address.hostIPv4) dev eth0\n"
            if ipv6 { inside += "route add \(MachineAddress.ipv6Range) via \(address.hostIPv6) dev eth0\n" }
            for block in MachineAddress.ipv4Unreachable { inside += "route add unreachable \(block)\n" }
            try HostCommand.check(["nsenter", "--target", String(pid), "--net", "--", "ip", "-batch", "-"], input: inside)
        } catch {
            tearDown(address)
            throw error
        }
    }

    /// False when the host has IPv6 switched off (or compiled out): Machines then get IPv4 only.
    public static let ipv6Enabled: Bool = {
        ControlFile.read("/proc/sys/net/ipv6/conf/default/disable_ipv6")?.hasPrefix("0") == true
    }()

    /// Deletes the host end (and with it the Machine's end). Missing interfaces are fine.
    public static func tearDown(_ address: MachineAddress) {
        guard isPresent(address) else { return }
        _ = try? HostCommand.run(["ip", "link", "del", address.hostInterface])
    }

    static func writeSysctl(_ path: String, _ value: String) throws(LaunchError) {
        try ControlFile.write(path, value)
    }
}
