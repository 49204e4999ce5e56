import HangarRuntime
import Testing
@testable import HangarAPI

@Suite struct InputParsingTests {
    @Test func scaleSpecs() throws {
        #expect(try ScaleSpec.parse(["web=3", "worker=0"]) == ScaleSpec(counts: ["web": 3, "worker": 0]))
        #expect(try ScaleSpec.parse(["2"]) == ScaleSpec(bare: 2))
        for bad in [["web=-1"], ["web"], ["=3"], ["web=x"], ["web=1.5"], ["web=3", "web=4"], ["web=3", "5"], [],
                    ["we b=1"], ["web=9999999"], ["web=+1"], ["web="]] {
            #expect(throws: ControlError.self, "\(bad)") { try ScaleSpec.parse(bad) }
        }
        do {
            _ = try ScaleSpec.parse(["web=-1"])
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.message.contains("\"-1\""))
        }
    }

    @Test func secretAssignments() throws {
        #expect(try SecretAssignments.parse(["A=1", "B=x=y", "C="]) == ["A": "1", "B": "x=y", "C": ""])
        for bad in [["NOVALUE"], ["=v"], ["BAD NAME=v"], ["1X=v"], ["A-B=v"]] {
            do {
                _ = try SecretAssignments.parse(bad)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.kind == .invalid)
                #expect(!error.message.contains("=v"))
            }
        }
    }

    @Test func secretErrorsNeverShowTheValue() {
        do {
            _ = try SecretAssignments.parse(["BAD NAME=super-secret"])
        } catch {
            #expect(!error.message.contains("super-secret"))
        }
    }

    @Test func dotenv() throws {
        let text = """
            # comment
            export A=plain value  \r
            B="line one\\nline two"
            C='single $literal'
            D="multi
            line"
            E=\"\"\"
            triple
            block
            \"\"\"

            F=
            G="quoted" # trailing comment
            """
        let pairs = try Dotenv.parse(text)
        #expect(pairs.map(\.name) == ["A", "B", "C", "D", "E", "F", "G"])
        #expect(pairs.map(\.value) == ["plain value", "line one\nline two", "single $literal", "multi\nline", "\ntriple\nblock\n", "", "quoted"])
    }

    @Test func dotenvErrorsGiveTheLineNotTheValue() {
        for (text, line) in [("A=1\nnot a pair\n", 2), ("A=\"open secret-value\n", 1), ("A=\"x\" junk-secret\n", 1), ("=v", 1)] {
            do {
                _ = try Dotenv.parse(text)
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.message.contains("line \(line)"), "\(error.message)")
                #expect(!error.message.contains("secret-value"))
            }
        }
    }
}
