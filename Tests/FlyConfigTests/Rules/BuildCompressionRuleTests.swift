import Testing
@testable import FlyConfig

@Suite struct BuildCompressionRuleTests {
    private func run(_ compression: String?, _ level: Int?) -> [Diagnostic] {
        BuildCompressionRule().run(makeConfig {
            var build = Build()
            build.compression = compression
            build.compressionLevel = level
            $0.build = build
        })
    }

    @Test func acceptsValidValues() {
        for (c, l) in [(nil, nil), ("gzip", 0), ("zstd", 9), ("", 7)] as [(String?, Int?)] {
            #expect(run(c, l).isEmpty)
        }
    }

    @Test func rejectsUnknownCompression() {
        let d = run("brotli", nil)
        #expect(d.codes == ["HG216"])
        #expect(d.first?.severity == .error)
        #expect(d.first?.message == "Invalid value 'brotli' for compression. Valid options are 'gzip', 'zstd', or leave unset.")
        #expect(d.first?.path == "build.compression")
        #expect(run("GZIP", nil).first?.hint == "write compression = \"gzip\"")
    }

    @Test func rejectsLevelOutOfRange() {
        let d = run(nil, 10)
        #expect(d.codes == ["HG217"])
        #expect(d.first?.message == "Invalid value '10' for compression level. Must be an integer between 0 and 9.")
        #expect(d.first?.path == "build.compression_level")
        #expect(run(nil, -1).codes == ["HG217"])
    }
}
