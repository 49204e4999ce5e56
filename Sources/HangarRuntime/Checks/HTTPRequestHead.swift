/// The bytes of an HTTP check's request: one HTTP/1.1 request without a body, closing the
/// connection after the response.
///
/// Header order: `Host`, `User-Agent`, `Accept`, then the check's own headers sorted by name,
/// then `Content-Length: 0` for methods that usually carry a body, then `Connection: close`.
/// A check header named `Host`, `User-Agent` or `Accept` replaces the default; check headers named
/// `Connection`, `Content-Length` or `Transfer-Encoding` are ignored, since the probe sends no body
/// and always closes.
struct HTTPRequestHead: Sendable, Equatable {
    /// The agent string Consul's HTTP checks send; Fly's checker is Consul-derived.
    static let userAgent = "Consul Health Check"
    static let accept = "text/plain, text/*, */*"

    var method: String
    var target: String
    var headers: [(name: String, value: String)]

    static func == (lhs: HTTPRequestHead, rhs: HTTPRequestHead) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    init(method: String, path: String, host: String, headers custom: [String: String]) throws(ProbeFailure) {
        guard method.utf8.allSatisfy(Self.isTokenByte) else {
            throw .invalidRequest("invalid HTTP method \(method.debugDescription)")
        }
        let method = method.isEmpty ? "GET" : method.uppercased()
        self.method = method
        self.target = Self.requestTarget(path)

        var defaults: [(name: String, value: String)] = [
            ("Host", host), ("User-Agent", Self.userAgent), ("Accept", Self.accept),
        ]
        var extra: [(name: String, value: String)] = []
        for name in custom.keys.sorted() {
            let value = custom[name] ?? ""
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                throw .invalidRequest("invalid HTTP header name \(name.debugDescription)")
            }
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else {
                throw .invalidRequest("invalid value for HTTP header \(name)")
            }
            let trimmed = value.trimmingWhitespace()
            let lower = name.lowercased()
            if ["connection", "content-length", "transfer-encoding"].contains(lower) { continue }
            if let index = defaults.firstIndex(where: { $0.name.lowercased() == lower }) {
                defaults[index].value = trimmed
            } else {
                extra.append((name, trimmed))
            }
        }
        var headers = defaults + extra
        if ["POST", "PUT", "PATCH"].contains(method) {
            headers.append(("Content-Length", "0"))
        }
        headers.append(("Connection", "close"))
        self.headers = headers
    }

    /// The request as sent on the wire.
    var bytes: [UInt8] {
        var text = "\(method) \(target) HTTP/1.1\r\n"
        for header in headers {
            text += "\(header.name): \(header.value)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// The origin-form target: a leading `/` is added when missing, a fragment is dropped, and
    /// bytes that may not appear in a request line (controls, space, non-ASCII) are percent-encoded.
    static func requestTarget(_ path: String) -> String {
        var path = Substring(path)
        if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
        var target = path.hasPrefix("/") ? "" : "/"
        for byte in path.utf8 {
            if byte > 0x20, byte < 0x7F {
                target.append(Character(Unicode.Scalar(byte)))
            } else {
                target += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return target
    }

    /// RFC 9110 token characters.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let bytes = Array(utf8)
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
