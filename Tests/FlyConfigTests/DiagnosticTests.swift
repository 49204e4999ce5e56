import Testing
@testable import FlyConfig

@Suite struct DiagnosticTests {
    @Test func formatsLikeACompiler() {
        let d = Diagnostic(.error, code: "HG204", "bad thing", hint: "do this", at: SourcePosition(line: 12, column: 3))
        #expect(d.formatted(file: "fly.toml") == "fly.toml:12:3: error[HG204]: bad thing\n  hint: do this")
    }

    @Test func tableKeepsInsertionOrder() {
        var t = TOMLTable()
        t.set("zeta", TOMLNode(.integer(1), at: .unknown))
        t.set("alpha", TOMLNode(.integer(2), at: .unknown))
        t.set("mid", TOMLNode(.integer(3), at: .unknown))
        #expect(t.keys == ["zeta", "alpha", "mid"])
        t.remove("alpha")
        #expect(t.keys == ["zeta", "mid"])
        #expect(t["mid"]?.integer == 3)
        t.rename("zeta", to: "omega")
        #expect(t.keys == ["omega", "mid"])
    }
}
