import Testing
@testable import HangarAPI

@Suite struct HTTPRequestParserTests {
    func parse(_ text: String, limits: HTTPLimits = .standard) -> HTTPRequestParser.Outcome {
        var parser = HTTPRequestParser(limits: limits)
        var buffer = Array(text.utf8)
        return parser.next(&buffer)
    }

    func status(_ outcome: HTTPRequestParser.Outcome) -> Int? {
        if case .failure(let error) = outcome { return error.status }
        return nil
    }

    @Test func simpleGet() throws {
        guard case .request(let request) = parse("GET /v1/apps?x=1 HTTP/1.1\r\nHost: hangar\r\n\r\n") else {
            Issue.record("expected a request")
            return
        }
        #expect(request.method == "GET")
        #expect(request.path == "/v1/apps")
        #expect(request.query == "x=1")
        #expect(request.headers["host"] == "hangar")
        #expect(request.keepAlive)
        #expect(request.body.isEmpty)
    }

    @Test func postWithBodyAndBareLineFeeds() {
        guard case .request(let request) = parse("POST /v1/hangar/apps/demo/scale HTTP/1.1\nContent-Length: 5\n\nhello")
        else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body == Array("hello".utf8))
    }

    @Test func everySplitPointGivesTheSameRequest() {
        let text = Array("POST /a HTTP/1.1\r\nContent-Length: 3\r\nX: y\r\n\r\nabc".utf8)
        for split in 0...text.count {
            var parser = HTTPRequestParser()
            var buffer = Array(text[..<split])
            var outcome = parser.next(&buffer)
            if split < text.count {
                #expect(outcome == .incomplete(expectsContinue: false), "split at \(split)")
                buffer += text[split...]
                outcome = parser.next(&buffer)
            }
            guard case .request(let request) = outcome else {
                Issue.record("split at \(split): \(outcome)")
                continue
            }
            #expect(request.body == Array("abc".utf8))
            #expect(request.headers["X"] == "y")
            #expect(buffer.isEmpty)
        }
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        var parser = HTTPRequestParser()
        var buffer = Array(
            "GET /one HTTP/1.1\r\n\r\nPOST /two HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET /three HTTP/1.1\r\n\r\nGET /fo".utf8)
        var paths: [String] = []
        while case .request(let request) = parser.next(&buffer) { paths.append(request.path) }
        #expect(paths == ["/one", "/two", "/three"])
        #expect(String(decoding: buffer, as: UTF8.self) == "GET /fo")
    }

    @Test func truncatedRequestsAskForMore() {
        for text in ["GET", "GET / HTTP/1.1", "GET / HTTP/1.1\r\nHost: x\r\n", "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"] {
            #expect(parse(text) == .incomplete(expectsContinue: false), "\(text)")
        }
        #expect(
            parse("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n")
                == .incomplete(expectsContinue: true))
    }

    @Test func oversizedPartsGetTheirStatus() {
        let limits = HTTPLimits(maxLineBytes: 64, maxHeadBytes: 256, maxHeaderCount: 3, maxBodyBytes: 10)
        // A request line that never ends.
        #expect(status(parse("GET /" + String(repeating: "a", count: 100), limits: limits)) == 414)
        #expect(status(parse("GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\n\r\n", limits: limits)) == 414)
        let longHeader = "GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: 80) + "\r\n\r\n"
        #expect(status(parse(longHeader, limits: limits)) == 431)
        let manyHeaders = "GET / HTTP/1.1\r\n" + (0..<5).map { "H\($0): v\r\n" }.joined() + "\r\n"
        #expect(status(parse(manyHeaders, limits: limits)) == 431)
        let bigHead = "GET / HTTP/1.1\r\n" + (0..<10).map { "Header\($0): " + String(repeating: "v", count: 40) + "\r\n" }.joined()
        #expect(status(parse(bigHead, limits: limits)) == 431)
        #expect(status(parse("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", limits: limits)) == 413)
        #expect(status(parse("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n")) == 413)
    }

    @Test func malformedRequestsAre400() {
        let cases = [
            "get / HTTP/1.1\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1 extra\r\n\r\n",
            "GET http://example.com/ HTTP/1.1\r\n\r\n",
            "GET /a b HTTP/1.1\r\n\r\n",
            "GET /\u{7f} HTTP/1.1\r\n\r\n",
            "GET / HTTX/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
            "GET / HTTP/1.1\r\nBad Name: v\r\n\r\n",
            "GET / HTTP/1.1\r\nName : v\r\n\r\n",
            "GET / HTTP/1.1\r\n: v\r\n\r\n",
            "GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n",
            "GET / HTTP/1.1\r\nX: a\u{01}b\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc",
            "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n",
        ]
        for text in cases {
            #expect(status(parse(text)) == 400, "\(text.debugDescription)")
        }
    }

    @Test func otherVersionsAndChunkedBodiesAreRefused() {
        #expect(status(parse("GET / HTTP/2.0\r\n\r\n")) == 505)
        #expect(status(parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")) == 501)
    }

    @Test func repeatedEqualLengthsAreOneLength() {
        guard case .request(let request) = parse("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok")
        else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body == Array("ok".utf8))
    }

    @Test func keepAliveFollowsTheVersion() {
        guard case .request(let old) = parse("GET / HTTP/1.0\r\n\r\n"),
            case .request(let oldKept) = parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
            case .request(let closed) = parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
        else {
            Issue.record("expected requests")
            return
        }
        #expect(!old.keepAlive)
        #expect(oldKept.keepAlive)
        #expect(!closed.keepAlive)
    }

    /// Random bytes and mutated requests, fed in random pieces: the parser always ends in a request,
    /// an error or a wait for more, never traps, and never holds more than the limits.
    @Test func fuzzedInputNeverTraps() {
        var random = SplitMix(seed: 0x5eed)
        let seeds = [
            "GET /v1/apps HTTP/1.1\r\nHost: hangar\r\n\r\n",
            "POST /v1/hangar/apps/demo/scale HTTP/1.1\r\nContent-Length: 20\r\n\r\n{\"counts\":{\"app\":2}}",
            "DELETE /v1/apps/demo/machines/3d8d9a1c2e4f56 HTTP/1.0\r\n\r\n",
        ]
        let limits = HTTPLimits(maxLineBytes: 256, maxHeadBytes: 1024, maxHeaderCount: 8, maxBodyBytes: 512)
        for round in 0..<3000 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int(random.next() % 600)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            } else {
                bytes = Array(seeds[Int(random.next() % UInt64(seeds.count))].utf8)
                for _ in 0..<(1 + Int(random.next() % 6)) {
                    let position = Int(random.next() % UInt64(bytes.count + 1))
                    switch random.next() % 4 {
                    case 0 where position < bytes.count: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                    case 1 where position < bytes.count: bytes.remove(at: position)
                    case 2: bytes.insert(contentsOf: [13, 10, 58, 32, 0, 255, 37][Int(random.next() % 7)...].prefix(2), at: position)
                    default: bytes.insert(contentsOf: bytes.prefix(Int(random.next() % 64)), at: position)
                    }
                }
            }
            var parser = HTTPRequestParser(limits: limits)
            var buffer: [UInt8] = []
            var offset = 0
            feeding: while offset < bytes.count {
                let take = 1 + Int(random.next() % 97)
                buffer += bytes[offset..<min(bytes.count, offset + take)]
                offset += take
                while true {
                    switch parser.next(&buffer) {
                    case .request(let request):
                        #expect(request.body.count <= limits.maxBodyBytes)
                    case .failure(let error):
                        #expect([400, 413, 414, 431, 501, 505].contains(error.status))
                        break feeding
                    case .incomplete:
                        #expect(buffer.count <= limits.maxHeadBytes + limits.maxBodyBytes + 97 + 16)
                        continue feeding
                    }
                }
            }
        }
    }
}

/// A small deterministic generator for fuzz rounds.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
