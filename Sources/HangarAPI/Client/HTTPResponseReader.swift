/// Reads one HTTP/1.1 response from a socket on the client side: the head (skipping `100 Continue`),
/// then the body framed by `Content-Length`, chunked coding, or the end of the connection. Bounded:
/// 64 KiB of head, `maxBody` of body.
struct HTTPResponseReader {
    struct Head: Sendable, Equatable {
        var status: Int
        var headers: HTTPHeaders
    }

    let socket: UnixSocket
    let deadline: ContinuousClock.Instant
    var maxHead = 64 * 1024
    var maxBody = 64 * 1024 * 1024
    private(set) var buffer: [UInt8] = []

    init(socket: UnixSocket, deadline: ContinuousClock.Instant) {
        self.socket = socket
        self.deadline = deadline
    }

    mutating func readHead() throws(APIClientError) -> Head {
        while true {
            let head = try readOneHead()
            if head.status >= 200 || head.status < 100 { return head }
        }
    }

    private mutating func readOneHead() throws(APIClientError) -> Head {
        while true {
            if let (end, bodyStart) = Self.headEnd(buffer) {
                let head = Array(buffer[..<end])
                buffer.removeFirst(bodyStart)
                return try Self.parseHead(head)
            }
            if buffer.count > maxHead { throw .transport("the daemon sent a response head over \(maxHead) bytes") }
            let bytes = try receive()
            if bytes.isEmpty { throw .transport("the daemon closed the connection without answering") }
            buffer += bytes
        }
    }

    /// The whole body.
    mutating func readBody(_ head: Head) throws(APIClientError) -> [UInt8] {
        var body: [UInt8] = []
        let limit = maxBody
        try readBody(head) { chunk throws(APIClientError) in
            body += chunk
            if body.count > limit { throw .transport("the daemon sent a body over \(limit) bytes") }
            return true
        }
        return body
    }

    /// The body piece by piece, as it arrives, until it ends or `onData` returns false.
    mutating func readBody(_ head: Head, onData: ([UInt8]) throws(APIClientError) -> Bool) throws(APIClientError) {
        if head.headers.contains("Transfer-Encoding", token: "chunked") {
            var decoder = ChunkedDecoder()
            var pending = buffer
            buffer = []
            while true {
                switch decoder.feed(pending) {
                case .success(let data):
                    if !data.isEmpty, try !onData(data) { return }
                case .failure(.malformed(let reason)):
                    throw .transport("the daemon sent a malformed chunked body: \(reason)")
                }
                if decoder.isDone { return }
                pending = try receive()
                if pending.isEmpty { throw .transport("the daemon closed the connection in the middle of a response") }
            }
        }
        if let text = head.headers["Content-Length"] {
            guard let length = Int(text.trimmingCharacters()), length >= 0 else {
                throw .transport("the daemon sent an invalid Content-Length")
            }
            if length > maxBody { throw .transport("the daemon sent a body over \(maxBody) bytes") }
            var remaining = length
            while remaining > 0 {
                if buffer.isEmpty {
                    buffer = try receive()
                    if buffer.isEmpty { throw .transport("the daemon closed the connection in the middle of a response") }
                }
                let take = min(remaining, buffer.count)
                let piece = Array(buffer[..<take])
                buffer.removeFirst(take)
                remaining -= take
                if try !onData(piece) { return }
            }
            return
        }
        var pending = buffer
        buffer = []
        while true {
            if !pending.isEmpty, try !onData(pending) { return }
            pending = try receive()
            if pending.isEmpty { return }
        }
    }

    private func receive() throws(APIClientError) -> [UInt8] {
        do {
            return try socket.read(until: deadline)
        } catch {
            if case .timeout = error { throw .transport("the daemon did not answer in time") }
            throw .transport("reading the daemon's answer failed: \(error)")
        }
    }

    static func headEnd(_ buffer: [UInt8]) -> (Int, Int)? {
        var index = 0
        while index < buffer.count {
            if buffer[index] == UInt8(ascii: "\n") {
                if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\n") { return (index, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == UInt8(ascii: "\r"),
                    buffer[index + 2] == UInt8(ascii: "\n")
                {
                    return (index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    static func parseHead(_ bytes: [UInt8]) throws(APIClientError) -> Head {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        guard let statusLine = lines.first else { throw .transport("the daemon sent an empty response") }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
            throw .transport("the daemon sent a malformed status line \(HTTPText.quoted(statusLine))")
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw .transport("the daemon sent a malformed header line")
            }
            headers.add(String(line[..<colon]), String(line[line.index(after: colon)...].trimmingSpaces()))
        }
        return Head(status: status, headers: headers)
    }
}

extension String {
    func trimmingCharacters() -> String {
        String(Substring(self).trimmingSpaces())
    }
}
