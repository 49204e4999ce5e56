import Glibc

/// The per-Machine `/etc/hosts`, bind-mounted over the real one inside the Machine.
///
/// The bind mount pins the file's inode, so updates rewrite it in place (truncate and write),
/// never by rename.
public enum HostsFile {
    /// The text: localhost, the Machine's own name, then `entries`.
    public static func render(machineID: String, address: MachineAddress?, entries: [HostsEntry]) -> String {
        var lines = ["127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback"]
        if let address {
            lines.append("\(address.ipv4)\t\(machineID)")
            lines.append("\(address.ipv6)\t\(machineID)")
        }
        for entry in entries where !entry.names.isEmpty {
            lines.append("\(entry.address)\t\(entry.names.joined(separator: " "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `text` to `path` in place, keeping its inode.
    public static func write(_ text: String, to path: String) throws(LaunchError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system("open \(path)", errno) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system("write \(path)", errno)
            }
            written += n
        }
    }
}
