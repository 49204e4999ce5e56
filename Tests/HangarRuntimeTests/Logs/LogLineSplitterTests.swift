import Testing

@testable import HangarRuntime

@Suite struct LogLineSplitterTests {
    static func text(_ lines: [[UInt8]]) -> [String] {
        lines.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func joinsPartialLinesAcrossFeeds() {
        var splitter = LogLineSplitter(maxLineBytes: 1024)
        #expect(splitter.feed(Array("hel".utf8)).isEmpty)
        #expect(Self.text(splitter.feed(Array("lo\nwor".utf8))) == ["hello"])
        #expect(Self.text(splitter.feed(Array("ld\n\nlast".utf8))) == ["world", ""])
        #expect(splitter.flush().map { String(decoding: $0, as: UTF8.self) } == "last")
        #expect(splitter.flush() == nil)
    }

    @Test func dropsOnlyTheCarriageReturnOfCRLF() {
        var splitter = LogLineSplitter(maxLineBytes: 1024)
        let lines = splitter.feed(Array("dos\r\nprogress 10%\rprogress 20%\r\n\r\n".utf8))
        #expect(Self.text(lines) == ["dos", "progress 10%\rprogress 20%", ""])
    }

    @Test func cutsLongLines() {
        var splitter = LogLineSplitter(maxLineBytes: 8)
        let lines = splitter.feed(Array("abcdefghijklmnopqrst\nxy\n".utf8))
        #expect(Self.text(lines) == ["abcdefgh", "ijklmnop", "qrst", "xy"])
    }

    @Test func aLineOfExactlyTheLimitIsNotFollowedByAnEmptyOne() {
        var splitter = LogLineSplitter(maxLineBytes: 8)
        #expect(splitter.feed(Array("abcdefgh".utf8)).isEmpty)
        #expect(Self.text(splitter.feed(Array("\n".utf8))) == ["abcdefgh"])
        #expect(splitter.flush() == nil)
    }

    @Test func cutsOnACharacterBoundary() {
        var splitter = LogLineSplitter(maxLineBytes: 8)
        // "abcdefg" then "€" (3 bytes): the euro sign would straddle the 8-byte limit.
        let lines = splitter.feed(Array("abcdefg€xyz\n".utf8))
        #expect(Self.text(lines) == ["abcdefg", "€xyz"])
        for line in lines { #expect(String(validating: line, as: UTF8.self) != nil) }
    }

    @Test func garbageNeverStallsOrTraps() {
        var splitter = LogLineSplitter(maxLineBytes: 4)
        let bytes: [UInt8] = [0xF0, 0xF0, 0xF0, 0xF0, 0x80, 0x80, 0x80, 0x80, 0x80, 0xC3, 0x0A, 0xFF]
        let lines = splitter.feed(bytes)
        let total = lines.reduce(0) { $0 + $1.count } + (splitter.flush()?.count ?? 0)
        #expect(total == bytes.count - 1)
        var byteAtATime = LogLineSplitter(maxLineBytes: 4)
        var count = 0
        for byte in bytes { count += byteAtATime.feed([byte]).reduce(0) { $0 + $1.count } }
        count += byteAtATime.flush()?.count ?? 0
        #expect(count == bytes.count - 1)
    }
}

@Suite struct LogRecordTests {
    @Test func roundTripsEveryField() {
        let line = LogLine(
            timestamp: LogTimestamp(microseconds: 1_795_356_000_123_456), app: "web", machineID: "3d8d9a1c2e4f56",
            processGroup: "worker", region: "local", stream: .stderr, level: .warn, source: .app,
            message: "quote \" backslash \\ nul \u{0} esc \u{1B}[1m del \u{7F} tab \t cr \r é 🚀 \u{FFFD}")
        let bytes = LogRecord.encode(line)
        #expect(bytes.last == 0x0A)
        #expect(bytes.dropLast().firstIndex(of: 0x0A) == nil)
        #expect(LogRecord.decode(bytes.dropLast()) == line)
    }

    @Test func runnerLinesHaveNoStream() {
        let line = LogLine(
            timestamp: LogTimestamp(microseconds: 5), app: "web", machineID: "3d8d9a1c2e4f56", processGroup: "app",
            source: .runner, message: "Machine started in 120ms")
        let text = String(decoding: LogRecord.encode(line), as: UTF8.self)
        #expect(
            text
                == #"{"timestamp":"1970-01-01T00:00:00.000005Z","app":"web","machine":"3d8d9a1c2e4f56","process_group":"app","region":"local","source":"runner","level":"info","message":"Machine started in 120ms"}"#
                + "\n")
        #expect(LogRecord.decode(LogRecord.encode(line).dropLast())?.stream == nil)
    }

    @Test func rejectsTornAndForeignLines() {
        let full = LogRecord.encode(LogTestSupport.line("hello", at: 1))
        for cut in [0, 1, 10, full.count / 2, full.count - 2] {
            #expect(LogRecord.decode(full[0..<cut]) == nil)
        }
        for text in ["", "{}", "[1,2]", #"{"machine":"x","message":"m"}"#, #"{"timestamp":"bad","machine":"x","message":"m"}"#,
            #"{"timestamp":"1970-01-01T00:00:00Z","machine":"x","message":"\q"}"#, "not json at all"]
        {
            #expect(LogRecord.decode(Array(text.utf8)[...]) == nil, "\(text)")
        }
    }

    @Test func readsEscapesOtherWritersUse() {
        let text = #"{"timestamp":"1970-01-01T00:00:00Z","machine":"m1","message":"\u00e9\ud83d\ude80\ud800x\/","extra":12.5e3,"flag":true,"none":null}"#
        let line = LogRecord.decode(Array(text.utf8)[...])
        #expect(line?.message == "é🚀\u{FFFD}x/")
        #expect(line?.app == "")
        #expect(line?.level == .info)
        #expect(line?.source == .app)
    }

    @Test func randomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let seeds = Array(#"{"timestamp":"1970-01-01T00:00:00Z","machine":"m","message":"\u12"}"#.utf8)
        for _ in 0..<2000 {
            var bytes = seeds
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = LogRecord.decode(bytes[...])
            _ = LogRecord.decode(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
        }
    }
}
