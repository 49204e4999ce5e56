/// An incremental HTTP/1.x request parser. Feed it the bytes read so far; it answers with a complete
/// request (and removes its bytes from the buffer, so pipelined requests follow), asks for more, or
/// gives the error status the request deserves. It never traps and never holds more than the limits:
///
/// - request line or a header line over `maxLineBytes`: 414 / 431;
/// - head over `maxHeadBytes` or more than `maxHeaderCount` fields: 431;
/// - `Content-Length` over `maxBodyBytes`: 413 (decided from the head, before reading the body);
/// - a `Transfer-Encoding` body: 501 (clients of this API send `Content-Length`);
/// - anything malformed (bad method, target, version, header syntax, line folding, control bytes,
///   conflicting lengths): 400, or 505 for another HTTP version.
///
/// Lines may end in CRLF or a bare LF; a few empty lines before a request are skipped.
public struct HTTPRequestParser: Sendable {
    public enum Outcome: Sendable, Equatable {
        case request(HTTPRequest)
        /// More bytes are needed. `expectsContinue` is true when the head is complete, asked for
        /// `100-continue`, and the body has not all arrived.
        case incomplete(expectsContinue: Bool)
        case failure(APIError)
    }

    private struct PendingHead: Sendable {
        var request: HTTPRequest
        var bodyStart: Int
        var bodyLength: Int
        var expectsContinue: Bool
    }

    public let limits: HTTPLimits
    private var scanned = 0
    private var pending: PendingHead?

    public init(limits: HTTPLimits = .standard) {
        self.limits = limits
    }

    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    public mutating func next(_ buffer: inout [UInt8]) -> Outcome {
        if pending == nil {
            switch parseHead(buffer) {
            case .incomplete: return .incomplete(expectsContinue: false)
            case .failure(let error): return .failure(error)
            case .head(let head): pending = head
            }
        }
        guard let head = pending else { return .incomplete(expectsContinue: false) }
        let end = head.bodyStart + head.bodyLength
        guard buffer.count >= end else { return .incomplete(expectsContinue: head.expectsContinue) }
        var request = head.request
        request.body = Array(buffer[head.bodyStart..<end])
        buffer.removeFirst(end)
        pending = nil
        scanned = 0
        return .request(request)
    }

    private enum HeadOutcome {
        case incomplete
        case failure(APIError)
        case head(PendingHead)
    }

    private mutating func parseHead(_ buffer: [UInt8]) -> HeadOutcome {
        var start = 0
        while start < buffer.count, buffer[start] == Self.cr || buffer[start] == Self.lf {
            start += 1
            if start > 16 { return .failure(.badRequest("malformed request: empty lines instead of a request line")) }
        }
        guard let (headEnd, bodyStart) = findHeadEnd(buffer, from: start) else {
            scanned = max(start, buffer.count - 3)
            if buffer.count - start > limits.maxHeadBytes { return .failure(Self.headTooLarge(limits)) }
            if firstLineEnd(buffer, from: start) == nil, buffer.count - start > limits.maxLineBytes {
                return .failure(Self.lineTooLong(limits))
            }
            return .incomplete
        }
        if headEnd - start > limits.maxHeadBytes { return .failure(Self.headTooLarge(limits)) }
        return parseLines(buffer[start..<headEnd], bodyStart: bodyStart)
    }

    /// The end of the head (index of the LF ending the last header line) and where the body starts.
    private func findHeadEnd(_ buffer: [UInt8], from start: Int) -> (Int, Int)? {
        var index = max(start, scanned)
        while index < buffer.count {
            if buffer[index] == Self.lf {
                let next = index + 1
                if next < buffer.count, buffer[next] == Self.lf { return (index, next + 1) }
                if next + 1 < buffer.count, buffer[next] == Self.cr, buffer[next + 1] == Self.lf {
                    return (index, next + 2)
                }
            }
            index += 1
        }
        return nil
    }

    private func firstLineEnd(_ buffer: [UInt8], from start: Int) -> Int? {
        buffer[start...].firstIndex(of: Self.lf)
    }

    private func parseLines(_ head: ArraySlice<UInt8>, bodyStart: Int) -> HeadOutcome {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = head.startIndex
        for index in head.indices where head[index] == Self.lf {
            lines.append(head[lineStart..<index])
            lineStart = index + 1
        }
        lines.append(head[lineStart..<head.endIndex])
        lines = lines.map { line in line.last == Self.cr ? line.dropLast() : line }

        guard let requestLine = lines.first else { return .failure(.badRequest("malformed request: no request line")) }
        if requestLine.count > limits.maxLineBytes { return .failure(Self.lineTooLong(limits)) }
        let parsedLine: (String, String, Int)
        switch Self.parseRequestLine(requestLine) {
        case .success(let value): parsedLine = value
        case .failure(let error): return .failure(error)
        }

        var headers = HTTPHeaders()
        var count = 0
        for line in lines.dropFirst() {
            if line.count > limits.maxLineBytes {
                return .failure(
                    APIError(
                        status: 431, kind: "too_large",
                        message: "a header line is longer than \(limits.maxLineBytes) bytes"))
            }
            switch Self.parseHeaderLine(line) {
            case .success(let (name, value)): headers.add(name, value)
            case .failure(let error): return .failure(error)
            }
            count += 1
            if count > limits.maxHeaderCount {
                return .failure(
                    APIError(status: 431, kind: "too_large", message: "more than \(limits.maxHeaderCount) header fields"))
            }
        }

        let (method, target, minor) = parsedLine
        var request = HTTPRequest(method: method, target: target, minorVersion: minor, headers: headers)
        request.body = []
        let length: Int
        switch bodyLength(headers) {
        case .success(let value): length = value
        case .failure(let error): return .failure(error)
        }
        let expects = headers.contains("Expect", token: "100-continue") && minor >= 1
        return .head(PendingHead(request: request, bodyStart: bodyStart, bodyLength: length, expectsContinue: expects))
    }

    private func bodyLength(_ headers: HTTPHeaders) -> Result<Int, APIError> {
        let lengths = headers.values("Content-Length")
        if !headers.values("Transfer-Encoding").isEmpty {
            if !lengths.isEmpty {
                return .failure(.badRequest("malformed request: both Transfer-Encoding and Content-Length"))
            }
            return .failure(
                APIError(
                    status: 501, kind: "unsupported",
                    message: "request bodies with Transfer-Encoding are not supported; send Content-Length"))
        }
        guard let first = lengths.first else { return .success(0) }
        // `Content-Length: 5, 5` and repeated equal fields are one length; anything else is ambiguous.
        let parts = lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map {
            $0.trimmingSpaces()
        }
        guard let value = parts.first, parts.allSatisfy({ $0 == value }), !value.isEmpty,
            value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            return .failure(.badRequest("malformed request: invalid Content-Length \(HTTPText.quoted(first))"))
        }
        let digits = value.drop { $0 == "0" }
        guard digits.count <= 18, let length = Int(digits.isEmpty ? "0" : String(digits)) else {
            return .failure(Self.bodyTooLarge(limits))
        }
        if length > limits.maxBodyBytes { return .failure(Self.bodyTooLarge(limits)) }
        return .success(length)
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) -> Result<(String, String, Int), APIError> {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            return .failure(.badRequest("malformed request line \(HTTPText.quoted(bytes: line))"))
        }
        let method = parts[0], target = parts[1], version = parts[2]
        guard (1...16).contains(method.count), method.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        else {
            return .failure(.badRequest("malformed request line: invalid method \(HTTPText.quoted(bytes: method))"))
        }
        guard target.first == UInt8(ascii: "/"), target.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            return .failure(
                .badRequest(
                    "malformed request line: the target must be a path starting with / in visible ASCII, got "
                        + HTTPText.quoted(bytes: target)))
        }
        let text = String(decoding: version, as: UTF8.self)
        switch text {
        case "HTTP/1.1": break
        case "HTTP/1.0": break
        default:
            let prefix = Array("HTTP/".utf8)
            if version.starts(with: prefix), version.count == 8, version[version.startIndex + 6] == UInt8(ascii: "."),
                version.dropFirst(5).enumerated().allSatisfy({ $0.offset == 1 || ($0.element >= 0x30 && $0.element <= 0x39) })
            {
                return .failure(
                    APIError(
                        status: 505, kind: "unsupported",
                        message: "HTTP version \(HTTPText.quoted(text)) is not supported; use HTTP/1.1"))
            }
            return .failure(.badRequest("malformed request line: invalid version \(HTTPText.quoted(text))"))
        }
        return .success(
            (
                String(decoding: method, as: UTF8.self), String(decoding: target, as: UTF8.self),
                text == "HTTP/1.0" ? 0 : 1
            ))
    }

    private static func parseHeaderLine(_ line: ArraySlice<UInt8>) -> Result<(String, String), APIError> {
        if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") {
            return .failure(.badRequest("malformed header: obsolete line folding is not accepted"))
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            return .failure(.badRequest("malformed header line \(HTTPText.quoted(bytes: line)): no colon"))
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(HTTPText.isTokenByte) else {
            return .failure(.badRequest("malformed header name \(HTTPText.quoted(bytes: name))"))
        }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            return .failure(
                .badRequest("malformed header \(HTTPText.quoted(bytes: name)): control characters in its value"))
        }
        return .success((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
    }

    static func lineTooLong(_ limits: HTTPLimits) -> APIError {
        APIError(status: 414, kind: "too_large", message: "the request line is longer than \(limits.maxLineBytes) bytes")
    }

    static func headTooLarge(_ limits: HTTPLimits) -> APIError {
        APIError(status: 431, kind: "too_large", message: "the request head is larger than \(limits.maxHeadBytes) bytes")
    }

    static func bodyTooLarge(_ limits: HTTPLimits) -> APIError {
        APIError(status: 413, kind: "too_large", message: "the request body is larger than \(limits.maxBodyBytes) bytes")
    }
}
