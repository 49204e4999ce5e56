import Testing
@testable import HangarAPI

@Suite struct ChunkedDecoderTests {
    @Test func decodesPieceByPiece() {
        let body = Array("5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\nextra".utf8)
        for size in [1, 2, 3, 7, body.count] {
            var decoder = ChunkedDecoder()
            var out: [UInt8] = []
            var index = 0
            while index < body.count {
                guard case .success(let data) = decoder.feed(Array(body[index..<min(body.count, index + size)])) else {
                    Issue.record("failed with pieces of \(size)")
                    return
                }
                out += data
                index += size
            }
            #expect(String(decoding: out, as: UTF8.self) == "hello, world")
            #expect(decoder.isDone)
        }
    }

    @Test func rejectsMalformedChunks() {
        for text in ["zz\r\nhello\r\n", "5\r\nhelloXX0\r\n\r\n", "123456789\r\n", String(repeating: "1", count: 2000)] {
            var decoder = ChunkedDecoder(maxChunk: 1024)
            guard case .failure = decoder.feed(Array(text.utf8)) else {
                Issue.record("accepted \(text.prefix(20))")
                continue
            }
        }
    }
}
