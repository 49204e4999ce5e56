import Testing
@testable import FlyConfig

@Suite struct CommandLineSplitterTests {
    static let splitsCases: [(String, [String])] = [
        ("run web", ["run", "web"]),
        ("  a\tb\r\nc  ", ["a", "b", "c"]),
        ("'a b' c", ["a b", "c"]),
        (#""a\b""#, ["ab"]),
        (#""a \"q\" b""#, [#"a "q" b"#]),
        (#"'a\b'"#, [#"a\b"#]),
        (#"a\ b"#, ["a b"]),
        (#"a"b c"d"#, ["ab cd"]),
        (#"x "" y"#, ["x", "", "y"]),
        ("''", [""]),
        ("run # note", ["run"]),
        ("a#b", ["a#b"]),
        ("# all comment", []),
        ("one # comment\ntwo", ["one", "two"]),
        ("sh -c 'echo hi && exit 1'", ["sh", "-c", "echo hi && exit 1"]),
        ("a;b | c && d", ["a;b", "|", "c", "&&", "d"]),
        ("", []),
        ("   \n\t", []),
        ("bin/rails server -b 0.0.0.0", ["bin/rails", "server", "-b", "0.0.0.0"]),
        ("echo 'Hello'", ["echo", "Hello"]),
        ("héllo wörld", ["héllo", "wörld"]),
        ("$HOME/*", ["$HOME/*"]),
    ]

    @Test(arguments: CommandLineSplitterTests.splitsCases)
    func splits(command: String, argv: [String]) throws {
        #expect(try CommandLineSplitter.split(command) == argv)
    }

    @Test func errors() {
        #expect(throws: CommandSplitError("EOF found when expecting closing quote")) { try CommandLineSplitter.split("echo 'oops") }
        #expect(throws: CommandSplitError("EOF found when expecting closing quote")) { try CommandLineSplitter.split(#"echo "oops"#) }
        #expect(throws: CommandSplitError("EOF found after escape character")) { try CommandLineSplitter.split(#"echo oops\"#) }
        #expect(throws: CommandSplitError("EOF found after escape character")) { try CommandLineSplitter.split(#"echo "oops\"#) }
    }
}
