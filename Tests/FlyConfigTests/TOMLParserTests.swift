import FlyConfig
import Testing

@Suite struct TOMLParserTests {
    private func parse(_ text: String) throws -> TOMLTable {
        try TOMLParser.parse(text)
    }

    private func error(_ text: String) -> TOMLError? {
        do {
            _ = try TOMLParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    private func error(_ bytes: [UInt8]) -> TOMLError? {
        do {
            _ = try TOMLParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    private func at(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(line: line, column: column)
    }

    // MARK: Positions

    static let document = """
        # comment
        app = "hangar"
        [http_service]
          internal_port = 8080
          concurrency.type = "requests"
        [[services]]
          ports = [{ port = 80 }, { port = 443 }]
        [[services]]
          protocol = "tcp"
        [a.b.c]
        """

    @Test func keysAndValuesKeepTheirPositions() throws {
        let root = try parse(Self.document)
        #expect(root.entry("app")?.keyPosition == at(2, 1))
        #expect(root["app"]?.position == at(2, 7))

        let http = try #require(root.entry("http_service"))
        #expect(http.keyPosition == at(3, 2))
        #expect(http.node.position == at(3, 1), "a [header] table is at its '['")
        let service = try #require(http.node.table)
        #expect(service.entry("internal_port")?.keyPosition == at(4, 3))
        #expect(service["internal_port"]?.position == at(4, 19))
        #expect(service["internal_port"]?.integer == 8080)

        let concurrency = try #require(service.entry("concurrency"))
        #expect(concurrency.keyPosition == at(5, 3))
        #expect(concurrency.node.position == at(5, 3), "a table made by a dotted key is at that key")
        #expect(concurrency.node.table?.entry("type")?.keyPosition == at(5, 15))
        #expect(concurrency.node.table?["type"]?.position == at(5, 22))
    }

    @Test func arraysOfTablesAndImplicitTablesHavePositions() throws {
        let root = try parse(Self.document)
        let services = try #require(root.entry("services"))
        #expect(services.keyPosition == at(6, 3))
        #expect(services.node.position == at(6, 1))
        let elements = try #require(services.node.array)
        #expect(elements.map(\.position) == [at(6, 1), at(8, 1)], "each element is at its [[ header")

        let ports = try #require(elements[0].table?["ports"])
        #expect(ports.position == at(7, 11))
        #expect(ports.array?.map(\.position) == [at(7, 12), at(7, 27)])
        #expect(ports.array?[1].table?.entry("port")?.keyPosition == at(7, 29))
        #expect(ports.array?[1].table?["port"]?.integer == 443)

        let a = try #require(root.entry("a"))
        #expect(a.keyPosition == at(10, 2))
        #expect(a.node.position == at(10, 2), "a table implied by a header is at its key in that header")
        let b = try #require(a.node.table?.entry("b"))
        #expect(b.node.position == at(10, 4))
        let c = try #require(b.node.table?.entry("c"))
        #expect(c.keyPosition == at(10, 6))
        #expect(c.node.position == at(10, 1))
    }

    @Test func implicitTableDefinedLaterTakesItsHeaderPosition() throws {
        let root = try parse("[x.y]\nk = 1\n\n  [x]\nz = 2\n")
        let x = try #require(root.entry("x"))
        #expect(x.node.position == at(4, 3))
        #expect(x.keyPosition == at(4, 4))
        #expect(x.node.table?.keys == ["y", "z"])
    }

    @Test func columnsCountUnicodeScalars() throws {
        let root = try parse("t = { \"ключ\" = \"日本\", b = 2 }\n\"😀\" = 2")
        let t = try #require(root["t"]?.table)
        #expect(t.entry("ключ")?.keyPosition == at(1, 7))
        #expect(t["ключ"]?.position == at(1, 16))
        #expect(t.entry("b")?.keyPosition == at(1, 22))
        #expect(t["b"]?.position == at(1, 26))
        #expect(root.entry("😀")?.keyPosition == at(2, 1))
        #expect(root["😀"]?.position == at(2, 7))
        #expect(error("s = \"é\" x")?.position == at(1, 9))
        #expect(error("😀 = 1")?.position == at(1, 1), "emoji are not bare keys")
    }

    @Test func linesCountCRLFAndMultilineStrings() throws {
        let root = try parse("a = 1\r\nb = \"\"\"\none\r\ntwo\"\"\"\nc = '''\n'''\r\nd = 4")
        #expect(root.entry("b")?.keyPosition == at(2, 1))
        #expect(root["b"]?.string == "one\ntwo", "the first line end is dropped and CRLF becomes LF")
        #expect(root.entry("c")?.keyPosition == at(5, 1))
        #expect(root.entry("d")?.keyPosition == at(7, 1))
    }

    @Test func byteOrderMarkIsSkippedOnlyAtTheStart() throws {
        let root = try TOMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a = 1".utf8))
        #expect(root.entry("a")?.keyPosition == at(1, 1))
        #expect(error(Array("a = 1\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b = 2".utf8))?.position == at(2, 1))
    }

    // MARK: Order

    @Test func keysKeepDocumentOrder() throws {
        let root = try parse("z = 1\na = 2\nm.x = 3\nb = 4\n[c]\n[0]\n[[y]]\n[m2.k]\n")
        #expect(root.keys == ["z", "a", "m", "b", "c", "0", "y", "m2"])
        let inline = try parse("t = { q = 1, a.b = 2, c = 3, a.d = 4 }")
        #expect(inline["t"]?.table?.keys == ["q", "a", "c"])
        #expect(inline["t"]?.table?["a"]?.table?.keys == ["b", "d"])
    }

    // MARK: Values

    @Test func readsEveryValueKind() throws {
        let root = try parse("""
            s = "tab\\there \\u00E9 \\U0001F600"
            l = 'C:\\path'
            m = \"\"\"
            one \\
              two\"\"\"
            i = [0xDEAD_beef, 0o755, 0b1101, -9223372036854775808, +1_000]
            f = [6.02e23, -0.0, inf, -inf, 1E-2]
            n = nan
            b = [true, false]
            odt = 1979-05-27T00:32:00.999999-07:00
            ldt = 1979-05-27 07:32:00
            ld = 2024-02-29
            lt = 07:32:00.5
            """)
        #expect(root["s"]?.string == "tab\there é 😀")
        #expect(root["l"]?.string == "C:\\path")
        #expect(root["m"]?.string == "one two")
        #expect(root["i"]?.array?.compactMap(\.integer) == [0xDEAD_BEEF, 0o755, 0b1101, Int64.min, 1000])
        #expect(root["f"]?.array?.compactMap(\.float) == [6.02e23, -0.0, .infinity, -.infinity, 0.01])
        #expect(root["n"]?.float?.isNaN == true)
        #expect(root["b"]?.array?.compactMap(\.boolean) == [true, false])
        #expect(root["odt"]?.value == .offsetDateTime(TOMLDate(year: 1979, month: 5, day: 27),
                                                      TOMLTime(hour: 0, minute: 32, second: 0, nanosecond: 999_999_000),
                                                      offsetMinutes: -420))
        #expect(root["ldt"]?.value == .localDateTime(TOMLDate(year: 1979, month: 5, day: 27),
                                                     TOMLTime(hour: 7, minute: 32, second: 0)))
        #expect(root["ld"]?.value == .localDate(TOMLDate(year: 2024, month: 2, day: 29)))
        #expect(root["lt"]?.value == .localTime(TOMLTime(hour: 7, minute: 32, second: 0, nanosecond: 500_000_000)))
    }

    // MARK: Errors

    struct Mistake: Sendable, CustomStringConvertible {
        var document: String
        var line: Int
        var column: Int
        var message: String
        var description: String { document.debugDescription }
    }

    static let mistakes: [Mistake] = [
        Mistake(document: "app = \"x\"\nforce_https = tru\n", line: 2, column: 15, message: "invalid value \"tru\""),
        Mistake(document: "app = myapp", line: 1, column: 7, message: "strings must be quoted"),
        Mistake(document: "port 8080", line: 1, column: 6, message: "expected '=' after key \"port\""),
        Mistake(document: "a = 1\nname = \"app", line: 2, column: 8, message: "unterminated string"),
        Mistake(document: "port = 1\n\nport = 2", line: 3, column: 1,
                message: "duplicate key \"port\" (first defined at 1:1)"),
        Mistake(document: "[http_service]\n[http_service]", line: 2, column: 2, message: "already defined (at 1:1)"),
        Mistake(document: "x = 99999999999999999999", line: 1, column: 5, message: "integer out of range"),
        Mistake(document: "x = 1_000_", line: 1, column: 10, message: "'_' must sit between two digits"),
        Mistake(document: "s = \"a\\xb\"", line: 1, column: 7, message: "invalid escape sequence \\x"),
        Mistake(document: "s = \"\\uD800\"", line: 1, column: 6, message: "not a Unicode scalar value"),
        Mistake(document: "d = 2023-02-29", line: 1, column: 13, message: "day 29 does not exist"),
        Mistake(document: "t = 24:00:00", line: 1, column: 5, message: "hour must be between 00 and 23"),
        Mistake(document: "t = { a = 1, }", line: 1, column: 14, message: "trailing comma"),
        Mistake(document: "t = { a = 1,\n b = 2 }", line: 1, column: 13, message: "inline table must be on one line"),
        Mistake(document: "a = [1, 2", line: 1, column: 10, message: "unterminated array (opened at 1:5)"),
        Mistake(document: "a = 1 b = 2", line: 1, column: 7, message: "expected end of line after value"),
        Mistake(document: "[table\nx = 1", line: 1, column: 7, message: "expected ']'"),
        Mistake(document: "a = 1\rb = 2", line: 1, column: 6, message: "carriage return"),
        Mistake(document: "a = \"x\u{0}\"", line: 1, column: 7, message: "NUL byte must be escaped"),
        Mistake(document: "a.b = 1\n[a]", line: 2, column: 2, message: "already defined by dotted keys (at 1:1)"),
        Mistake(document: "a = [1]\n[[a]]", line: 2, column: 3, message: "static array \"a\""),
        Mistake(document: "a = {b = 1}\na.c = 2", line: 2, column: 1, message: "inline table \"a\""),
        Mistake(document: "[a.b]\nx = 1\n[a]\nb.y = 2", line: 4, column: 1, message: "defined by a header (at 1:1)"),
        Mistake(document: "x = +0x10", line: 1, column: 5, message: "sign is not allowed"),
        Mistake(document: "x = 012", line: 1, column: 5, message: "leading zeros"),
        Mistake(document: "x = .5", line: 1, column: 5, message: "expected a digit, found '.'"),
        Mistake(document: "x = 1.", line: 1, column: 7, message: "expected a digit after the decimal point"),
        Mistake(document: "k = \"\"\"abc", line: 1, column: 5, message: "unterminated multi-line string"),
        Mistake(document: "\"\"\"k\"\"\" = 1", line: 1, column: 1, message: "a key cannot be a multi-line string"),
        Mistake(document: "x =", line: 1, column: 4, message: "expected a value, found end of file"),
    ]

    @Test(arguments: mistakes)
    func typicalMistakesAreReportedWhereTheyAre(_ mistake: Mistake) throws {
        let found = try #require(error(mistake.document))
        #expect(found.position == at(mistake.line, mistake.column), "\(found)")
        #expect(found.message.contains(mistake.message), "\(found)")
    }

    @Test func malformedUTF8IsRejectedWhereItIs() throws {
        #expect(error(Array("# ok\n# é ".utf8) + [0xFF])?.position == at(2, 5))
        #expect(error(Array("s = \"ab".utf8) + [0xED, 0xA0, 0x80] + Array("\"".utf8))?.position == at(1, 8))
        #expect(error(Array("s = 'ab".utf8) + [0xC0, 0x80] + Array("'".utf8))?.message.contains("UTF-8") == true)
        #expect(error([0xFF, 0xFE, 0x61, 0x00])?.position == at(1, 1), "UTF-16 is not UTF-8")
    }

    // MARK: Depth

    @Test func nestingIsCappedWithAnError() throws {
        let limit = TOMLParser.maxNestingDepth
        let arrays = { (depth: Int) in "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        #expect(throws: Never.self) { try TOMLParser.parse(arrays(limit)) }
        let tooDeep = try #require(error(arrays(limit + 1)))
        #expect(tooDeep.message.contains("deeper than \(limit)"))
        #expect(tooDeep.position == at(1, 5 + limit))

        let inline = "a = " + String(repeating: "{a=", count: 100_000)
        #expect(error(inline)?.message.contains("deeper than \(limit)") == true)
        let dotted = String(repeating: "a.", count: 100_000) + "a = 1"
        #expect(error(dotted)?.message.contains("deeper than \(limit)") == true)
        let header = "[" + String(repeating: "a.", count: 100_000) + "a]"
        #expect(error(header)?.message.contains("deeper than \(limit)") == true)
        let mixed = "[" + String(repeating: "a.", count: limit - 2) + "a]\nx = [[1]]"
        #expect(error(mixed)?.position == at(2, 6))
    }
}
