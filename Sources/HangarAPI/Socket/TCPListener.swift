import Glibc

/// TCP listening for the API's `--api-listen` (IPv4 `HOST:PORT`). The accepted connections are
/// stream sockets like the unix ones, so they reuse `UnixSocket`'s reading and writing.
public struct TCPAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// Parses `HOST:PORT` (`127.0.0.1:4280`, `0.0.0.0:4280`, `:4280` for every address). Nil when malformed.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else { return nil }
        var probe = in_addr()
        let resolved = host.isEmpty || host == "*" ? "0.0.0.0" : (host == "localhost" ? "127.0.0.1" : host)
        guard inet_pton(AF_INET, resolved, &probe) == 1 else { return nil }
        self.host = resolved
        self.port = port
    }

    public var description: String { "\(host):\(port)" }
}

extension UnixSocket {
    /// Binds and listens on a TCP address (SO_REUSEADDR, close-on-exec, non-blocking).
    static func listen(tcp address: TCPAddress, backlog: Int32 = 64) throws(SocketError) -> UnixSocket {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        let descriptor = socket(AF_INET, type, 0)
        guard descriptor >= 0 else { throw .system(operation: "socket", errno: errno) }
        let socket = UnixSocket(descriptor: descriptor)
        var one: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(address.port).bigEndian)
        _ = inet_pton(AF_INET, address.host, &addr.sin_addr)
        let bound = withUnsafePointer(to: &addr) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw .system(operation: "bind \(address)", errno: errno) }
        guard Glibc.listen(descriptor, backlog) == 0 else { throw .system(operation: "listen", errno: errno) }
        return socket
    }

    /// The port the socket is bound to (for `:0`).
    var boundPort: Int? {
        var addr = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &addr) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return result == 0 ? Int(UInt16(bigEndian: addr.sin_port)) : nil
    }
}
