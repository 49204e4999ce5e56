import Testing
@testable import FlyConfig

@Suite struct StaticsRuleTests {
    private func statics(_ pairs: [(String?, String?)]) -> [Diagnostic] {
        StaticsRule().run(makeConfig { c in
            c.statics = pairs.map { guest, prefix in
                var s = Static()
                s.guestPath = guest
                s.urlPrefix = prefix
                return s
            }
        })
    }

    @Test func acceptsDistinctEntries() {
        #expect(statics([("/app/public", "/static"), ("/app/media", "/media"), ("/app/s", "/statics")]).isEmpty)
    }

    @Test func warnsAboutMissingFields() {
        let d = statics([(nil, "/static"), ("/app/public", nil)])
        #expect(d.map(\.message) == ["static has no guest_path", "static has no url_prefix"])
        #expect(d.paths == ["statics[0]", "statics[1]"])
        #expect(d.allSatisfy { $0.severity == .warning && $0.code == "HG311" })
    }

    @Test func warnsAboutOverlaps() {
        let d = statics([("/a", "/static"), ("/b", "/static/img"), ("/c", "/static/")])
        #expect(d.paths == ["statics[1].url_prefix", "statics[2].url_prefix"])
        #expect(d[0].message == "url_prefix '/static/img' overlaps '/static' of statics[0]")
        #expect(d[1].message == "url_prefix '/static/' is also used by statics[0]")
    }

    @Test func warnsAboveTen() {
        let d = statics((0..<11).map { ("/d\($0)", "/p\($0)") })
        #expect(d.paths == ["statics[10]"])
        #expect(d.first?.message == "11 [[statics]] entries; the platform serves at most 10")
    }
}
