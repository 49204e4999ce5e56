/// An incremental decoder of a chunked body (RFC 9112 §7.1): feed it bytes as they arrive, get the
/// data back. Chunk extensions and trailers are skipped; sizes over `maxChunk` or malformed lines
/// are errors.
struct ChunkedDecoder: Sendable {
    private enum State: Sendable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailer
        case done
    }

    private var state = State.size
    private var line: [UInt8] = []
    let maxChunk: Int

    init(maxChunk: Int = 16 * 1024 * 1024) {
        self.maxChunk = maxChunk
    }

    var isDone: Bool {
        if case .done = state { return true }
        return false
    }

    /// The data in `bytes`; bytes after the end of the body are ignored.
    mutating func feed(_ bytes: [UInt8]) -> Result<[UInt8], ChunkedDecodingError> {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            switch state {
            case .done:
                return .success(out)
            case .data(let remaining):
                let take = min(remaining, bytes.count - index)
                out += bytes[index..<index + take]
                index += take
                state = remaining - take == 0 ? .dataEnd : .data(remaining: remaining - take)
            case .size, .dataEnd, .trailer:
                let byte = bytes[index]
                index += 1
                guard byte == UInt8(ascii: "\n") else {
                    line.append(byte)
                    if line.count > 1024 { return .failure(.malformed("a chunk line is too long")) }
                    continue
                }
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                let text = line
                line = []
                switch lineDone(text) {
                case .success: break
                case .failure(let error): return .failure(error)
                }
            }
        }
        return .success(out)
    }

    private mutating func lineDone(_ text: [UInt8]) -> Result<Void, ChunkedDecodingError> {
        switch state {
        case .size:
            let digits = text.prefix { $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            guard !digits.isEmpty, digits.count <= 8, let size = Int(String(decoding: digits, as: UTF8.self), radix: 16)
            else { return .failure(.malformed("invalid chunk size")) }
            if size > maxChunk { return .failure(.malformed("a chunk is larger than \(maxChunk) bytes")) }
            state = size == 0 ? .trailer : .data(remaining: size)
        case .dataEnd:
            guard text.isEmpty else { return .failure(.malformed("a chunk does not end with CRLF")) }
            state = .size
        case .trailer:
            if text.isEmpty { state = .done }
        case .data, .done:
            break
        }
        return .success(())
    }
}

enum ChunkedDecodingError: Error, Sendable, Equatable {
    case malformed(String)
}
