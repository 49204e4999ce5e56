/// The start of an HTTP/1.x response as an HTTP check reads it: the status line and, when it
/// arrives in time, the `Location` header (shown for redirects, which checks never follow).
struct HTTPResponseHead: Sendable, Equatable {
    var statusCode: Int
    var reason: String
    var location: String?

    enum Parse: Equatable {
        /// Not even the status line is complete yet.
        case incomplete
        /// The status line is complete; the header block is not.
        case statusLine(HTTPResponseHead)
        /// The whole head arrived; `length` bytes (through the blank line) belong to it.
        case complete(HTTPResponseHead, length: Int)
        /// The bytes are not an HTTP/1.x response.
        case malformed(String)
    }

    /// 1xx responses other than 101 are interim: the final response follows them.
    var isInterim: Bool { (100...199).contains(statusCode) && statusCode != 101 }

    static func parse(_ bytes: [UInt8]) -> Parse {
        guard let lineEnd = bytes.firstIndex(of: 0x0A) else {
            return prefixCouldBeStatusLine(bytes) ? .incomplete : .malformed(Self.preview(bytes))
        }
        var line = bytes[..<lineEnd]
        if line.last == 0x0D { line = line.dropLast() }
        guard var head = parseStatusLine(Array(line)) else { return .malformed(Self.preview(Array(line))) }

        var position = lineEnd + 1
        while position < bytes.count {
            guard let end = bytes[position...].firstIndex(of: 0x0A) else { break }
            var header = bytes[position..<end]
            if header.last == 0x0D { header = header.dropLast() }
            position = end + 1
            if header.isEmpty { return .complete(head, length: position) }
            if let colon = header.firstIndex(of: UInt8(ascii: ":")) {
                let name = String(decoding: header[header.startIndex..<colon], as: UTF8.self)
                if name.lowercased() == "location" {
                    let value = String(decoding: header[(colon + 1)...], as: UTF8.self)
                    head.location = value.trimmingCharacters(in: " \t")
                }
            }
        }
        return .statusLine(head)
    }

    /// `HTTP/1.1 200 OK`: the version, a three-digit code, and an optional reason phrase.
    private static func parseStatusLine(_ line: [UInt8]) -> HTTPResponseHead? {
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[0].count == 8,
              parts[1].count == 3, parts[1].allSatisfy(\.isASCII), let code = Int(parts[1]), code >= 100
        else { return nil }
        let reason = parts.count == 3 ? String(parts[2]) : ""
        return HTTPResponseHead(statusCode: code, reason: reason, location: nil)
    }

    /// Whether an unterminated first line may still become `HTTP/1.x ...`.
    private static func prefixCouldBeStatusLine(_ bytes: [UInt8]) -> Bool {
        let expected = Array("HTTP/1.".utf8)
        let common = min(bytes.count, expected.count)
        return Array(bytes.prefix(common)) == Array(expected.prefix(common))
    }

    private static func preview(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
        let printable = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "." : Character($0) })
        return "starts with \(printable.debugDescription)"
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let unwanted = Set(set)
        let head = self.drop(while: { unwanted.contains($0) })
        return String(head.reversed().drop(while: { unwanted.contains($0) }).reversed())
    }
}
