import Glibc

/// Free TCP ports on the loopback interface, for shared-mode Machines' `$PORT`.
public enum PortAllocator {
    /// A port the kernel reports free right now (another process may still take it before the
    /// app binds it; the supervisor retries on a bind failure).
    public static func freePort() throws(LaunchError) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .system("socket", errno) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw .system("bind 127.0.0.1:0", errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
