import Testing

@testable import HangarRuntime

@Suite struct LogFormatterTests {
    /// 2026-11-22T14:00:00.123456Z
    static let instant = LogTimestamp(microseconds: 1_795_356_000_123_456)

    static func sample(
        _ message: String = "listening on 8080", source: LogSource = .app, level: LogLevel = .info,
        stream: LogStream? = .stdout
    ) -> LogLine {
        LogLine(
            timestamp: instant, app: "web", machineID: "3d8d9a1c2e4f56", processGroup: "app", stream: stream,
            level: level, source: source, message: message)
    }

    @Test func textMatchesFlyShape() {
        let text = LogFormatter().format(Self.sample())
        #expect(text == "2026-11-22T14:00:00Z app[3d8d9a1c2e4f56] local [info] listening on 8080")
    }

    @Test func runnerAndProxyLines() {
        let runner = Self.sample("Machine started in 120ms", source: .runner, stream: nil)
        #expect(LogFormatter().format(runner) == "2026-11-22T14:00:00Z runner[3d8d9a1c2e4f56] local [info] Machine started in 120ms")
        let proxy = Self.sample("Could not proxy HTTP request.", source: .proxy, level: .warn, stream: nil)
        #expect(LogFormatter().format(proxy) == "2026-11-22T14:00:00Z proxy[3d8d9a1c2e4f56] local [warn] Could not proxy HTTP request.")
    }

    @Test func stderrStaysInfo() {
        // Fly ships both streams at info; the stream is kept in the record, not in the text.
        let text = LogFormatter().format(Self.sample("oops", stream: .stderr))
        #expect(text == "2026-11-22T14:00:00Z app[3d8d9a1c2e4f56] local [info] oops")
    }

    @Test func withoutMachineIDOnlyTheSourceIsShown() {
        var line = Self.sample("hello", source: .proxy)
        line.machineID = ""
        #expect(LogFormatter().format(line) == "2026-11-22T14:00:00Z proxy local [info] hello")
    }

    @Test func colourMatchesFlyctl() {
        let text = LogFormatter(colour: true).format(Self.sample("x", level: .error))
        #expect(text == "\u{1B}[2m2026-11-22T14:00:00Z\u{1B}[0m app[3d8d9a1c2e4f56] \u{1B}[32mlocal\u{1B}[0m [\u{1B}[31merror\u{1B}[0m] x")
        let info = LogFormatter(colour: true).format(Self.sample("x"))
        #expect(info.contains("[\u{1B}[34minfo\u{1B}[0m]"))
    }

    @Test func jsonMatchesFlyctlKeys() {
        let json = LogFormatter(style: .json).format(Self.sample())
        let expected =
            #"{"level":"info","instance":"3d8d9a1c2e4f56","message":"listening on 8080","region":"local","#
            + #""timestamp":"2026-11-22T14:00:00.123456Z","meta":{"Instance":"3d8d9a1c2e4f56","Region":"local","#
            + #""Event":{"Provider":"app"},"HTTP":{"Request":{"ID":"","Method":"","Version":""},"#
            + #""Response":{"status_code":0}},"Error":{"Code":0,"Message":""},"URL":{"Full":""}},"#
            + #""app":"web","process_group":"app","stream":"stdout"}"#
        #expect(json == expected)
    }

    @Test func jsonEscapesControlCharacters() {
        let json = LogFormatter(style: .json).format(Self.sample("a\"b\\c\u{0}\u{1B}[31m\tz", stream: nil))
        #expect(json.contains(#""message":"a\"b\\c\u0000\u001b[31m\tz""#))
        #expect(!json.contains("\n"))
        #expect(!json.contains(#""stream""#))
    }
}

@Suite struct LogTimestampTests {
    @Test func formatsSecondsAndMicros() {
        let instant = LogFormatterTests.instant
        #expect(instant.rfc3339Seconds == "2026-11-22T14:00:00Z")
        #expect(instant.rfc3339Micros == "2026-11-22T14:00:00.123456Z")
        #expect(LogTimestamp(microseconds: 0).rfc3339Micros == "1970-01-01T00:00:00.000000Z")
        #expect(LogTimestamp(microseconds: 1_709_251_199_000_001).rfc3339Micros == "2024-02-29T23:59:59.000001Z")
        #expect(LogTimestamp(microseconds: -1).rfc3339Micros == "1969-12-31T23:59:59.999999Z")
        #expect(LogTimestamp(microseconds: -1_000_000).rfc3339Seconds == "1969-12-31T23:59:59Z")
    }

    @Test func parsesWhatItPrintsAndFlyTimestamps() {
        for micros: Int64 in [0, -1, 1, 1_795_356_000_123_456, 1_709_251_199_000_001, 253_402_300_799_999_999] {
            let stamp = LogTimestamp(microseconds: micros)
            #expect(LogTimestamp(rfc3339: stamp.rfc3339Micros) == stamp)
        }
        #expect(LogTimestamp(rfc3339: "2026-11-22T14:00:00Z")?.microseconds == 1_795_356_000_000_000)
        #expect(LogTimestamp(rfc3339: "2026-11-22T14:00:00.123456789Z")?.microseconds == 1_795_356_000_123_456)
        #expect(LogTimestamp(rfc3339: "2026-11-22T14:00:00.5Z")?.microseconds == 1_795_356_000_500_000)
        #expect(LogTimestamp(rfc3339: "2026-11-22T16:00:00+02:00")?.microseconds == 1_795_356_000_000_000)
    }

    @Test func extremesNeitherTrapNorLie() {
        for micros in [Int64.min, Int64.max, Int64.min + 1, Int64.max - 1] {
            let text = LogTimestamp(microseconds: micros).rfc3339Micros
            #expect(text.hasSuffix("Z"))
        }
    }

    @Test func rejectsMalformedText() {
        for text in [
            "", "2026-11-22", "2026-11-22T14:00:00", "2026-13-22T14:00:00Z", "2026-11-22T24:00:00Z",
            "2026-11-22T14:00:00.Z", "2026-11-22T14:00:00Zjunk", "abcd-ef-ghTij:kl:mnZ", "2026-11-22T14:00:00+0200",
            String(repeating: "9", count: 100),
        ] {
            #expect(LogTimestamp(rfc3339: text) == nil, "\(text)")
        }
    }

    @Test func nowIsAfter2020() {
        #expect(LogTimestamp.now().microseconds > 1_577_836_800_000_000)
    }
}
