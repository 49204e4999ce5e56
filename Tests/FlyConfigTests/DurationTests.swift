import Testing
@testable import FlyConfig

@Suite struct DurationTests {
    static let parseCases: [(String, Int64)] = [
        ("0", 0), ("-0", 0), ("+0", 0),
        ("10s", 10 * FlyDuration.second),
        ("1m30s", 90 * FlyDuration.second),
        ("1.5s", 1_500 * FlyDuration.millisecond),
        ("300ms", 300 * FlyDuration.millisecond),
        ("2h", 2 * FlyDuration.hour),
        ("1h2m3s4ms5us6ns", FlyDuration.hour + 2 * FlyDuration.minute + 3 * FlyDuration.second + 4 * FlyDuration.millisecond + 5_006),
        ("5\u{00B5}s", 5_000), ("5\u{03BC}s", 5_000), ("5us", 5_000),
        ("-1.5h", -90 * FlyDuration.minute),
        (".5s", 500 * FlyDuration.millisecond),
        ("1.s", FlyDuration.second),
        ("+3m", 3 * FlyDuration.minute),
        ("1.000000001s", FlyDuration.second + 1),
        ("2562047h47m16.854775807s", Int64.max),
        ("-2562047h47m16.854775808s", Int64.min),
    ]
    static let printCases: [(Int64, String)] = [
        (0, "0s"),
        (81 * FlyDuration.second, "1m21s"),
        (3 * FlyDuration.minute, "3m0s"),
        (FlyDuration.hour, "1h0m0s"),
        (500 * FlyDuration.millisecond, "500ms"),
        (1_500 * FlyDuration.millisecond, "1.5s"),
        (15 * FlyDuration.second, "15s"),
        (1, "1ns"), (1_500, "1.5\u{00B5}s"), (1_000_000, "1ms"), (1_234_567, "1.234567ms"),
        (-90 * FlyDuration.second, "-1m30s"),
        (FlyDuration.hour + FlyDuration.second + 1, "1h0m1.000000001s"),
        (26 * FlyDuration.hour, "26h0m0s"),
        (Int64.max, "2562047h47m16.854775807s"),
        (Int64.min, "-2562047h47m16.854775808s"),
    ]

    @Test(arguments: DurationTests.parseCases)
    func parses(text: String, nanoseconds: Int64) throws {
        #expect(try FlyDuration.parse(text).nanoseconds == nanoseconds)
    }

    @Test(arguments: ["", "-", "+", "10", "1d", "s", ".s", "1.5.s", "10 s", " 10s", "1m 30s", "1e3s", "9223372036854775808ns", "3000000h"])
    func rejects(text: String) {
        #expect(throws: DurationParseError.self) { try FlyDuration.parse(text) }
    }

    @Test func errorTextIsGoLike() {
        #expect(throws: DurationParseError(text: "1d", reason: "unknown unit \"d\" in duration")) { try FlyDuration.parse("1d") }
        #expect(throws: DurationParseError(text: "10", reason: "missing unit in duration")) { try FlyDuration.parse("10") }
        #expect(DurationParseError(text: "x", reason: "invalid duration").description == "time: invalid duration \"x\"")
    }

    @Test(arguments: DurationTests.printCases)
    func printsCanonically(nanoseconds: Int64, text: String) {
        #expect(FlyDuration(nanoseconds: nanoseconds).description == text)
    }

    @Test func roundTripsThroughItsText() throws {
        for text in ["1m21s", "3m0s", "1h0m0s", "500ms", "0s", "1.5s", "2.25\u{00B5}s", "7ns"] {
            #expect(try FlyDuration.parse(text).description == text)
        }
    }

    @Test func bareNumbers() {
        #expect(FlyDuration.fromBareNumber(Int64(10_000), unit: FlyDuration.millisecond) == .seconds(10))
        #expect(FlyDuration.fromBareNumber(1.5, unit: FlyDuration.second) == .seconds(1), "float truncated first")
        #expect(FlyDuration.fromBareNumber(-2.7, unit: FlyDuration.second) == .seconds(-2))
        #expect(FlyDuration.fromBareNumber(Double.nan, unit: FlyDuration.second) == .seconds(0))
        _ = FlyDuration.fromBareNumber(1e300, unit: FlyDuration.second) // wraps like Go, never traps
        _ = FlyDuration.fromBareNumber(Int64.max, unit: FlyDuration.second)
    }

    @Test func bareNumbersPerField() throws {
        let loaded = FlyConfigLoader.load(text: """
            kill_timeout = 1.5
            [checks.a]
            type = "tcp"
            port = 1
            interval = 10000
            grace_period = ""
            [[services]]
            internal_port = 1
            [[services.tcp_checks]]
            timeout = 2000.9
            [http_service]
            internal_port = 8080
            [[http_service.checks]]
            interval = 30
            [deploy]
            wait_timeout = 60
            """)
        let c = try #require(loaded.config)
        #expect(c.killTimeout == .seconds(1))
        #expect(c.checks?["a"]?.interval == .seconds(10))
        #expect(c.checks?["a"]?.gracePeriod == nil)
        #expect(c.services?.first?.tcpChecks?.first?.timeout == .milliseconds(2000))
        #expect(c.httpService?.checks?.first?.interval == FlyDuration(nanoseconds: 30))
        #expect(c.deploy?.waitTimeout == FlyDuration(nanoseconds: 60))
        let nanos = loaded.diagnostics.filter { $0.code == DecodeCode.nanosecondDuration }
        #expect(nanos.map(\.path) == ["http_service.checks[0].interval", "deploy.wait_timeout"])
        #expect(nanos.allSatisfy { $0.severity == .warning })
    }

    @Test func codableAsCanonicalString() throws {
        let encoded = try JSONEncoderHelper.encode(FlyDuration.seconds(81))
        #expect(encoded == "\"1m21s\"")
    }
}

import Foundation

enum JSONEncoderHelper {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
