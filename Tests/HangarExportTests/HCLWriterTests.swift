import Testing
@testable import HangarExport

@Suite struct HCLWriterTests {
    @Test func quotingEscapesEverythingHCLWouldRead() {
        #expect(HCLWriter.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(HCLWriter.quoted("line1\nline2\ttab") == #""line1\nline2\ttab""#)
        #expect(HCLWriter.quoted("${HOME} and %{ if }") == #""$${HOME} and %%{ if }""#)
        #expect(HCLWriter.quoted("\u{1}") == #""\u0001""#)
        #expect(HCLWriter.quoted("ünïcode") == "\"ünïcode\"")
    }

    @Test func attributesAlignAndBlocksAreSeparated() {
        var body = HCLBody()
        body.block("job", ["x"]) { job in
            job.set("type", "service")
            job.set("datacenters", ["dc1"])
            job.block("group", ["web"]) { $0.set("count", 2) }
            job.block("empty") { _ in }
        }
        #expect(HCLWriter.write(body) == """
            job "x" {
              type        = "service"
              datacenters = ["dc1"]

              group "web" {
                count = 2
              }

              empty {}
            }

            """)
    }

    @Test func keysThatAreNotIdentifiersAreQuoted() {
        #expect(HCLWriter.isIdentifier("X-Forwarded-Proto"))
        #expect(!HCLWriter.isIdentifier("my.var"))
        #expect(!HCLWriter.isIdentifier("1abc"))
        #expect(HCLWriter.render(.object([("my.var", .string("v")), ("ok", .int(1))]), indent: 0) == """
            {
              "my.var" = "v"
              ok       = 1
            }
            """)
    }

    @Test func heredocsPickAFreeMarker() {
        #expect(HCLWriter.render(.heredoc("a\nb"), indent: 0) == "<<EOT\na\nb\nEOT")
        #expect(HCLWriter.render(.heredoc("EOT\n${x}\n"), indent: 0) == "<<EOTX\nEOT\n$${x}\nEOTX")
    }

    @Test func longListsBreak() {
        let list = HCLValue.list((0..<30).map { .string("item-\($0)") })
        let text = HCLWriter.render(list, indent: 0)
        #expect(text.hasPrefix("[\n  \"item-0\",\n"))
        #expect(text.hasSuffix("\"item-29\",\n]"))
    }
}
