import Foundation
import Testing

/// The bundled example apps validate cleanly: no errors and no warnings.
@Suite struct ExamplesTests {
    @Test(arguments: ["mcp-vector", "api-worker"])
    func exampleIsCleanUnderEveryRule(_ name: String) throws {
        let file = HangarBinary.repoRoot.appendingPathComponent("examples/\(name)/fly.toml")
        let r = try HangarBinary.run(["validate", "--format", "json", file.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? [["parse": "failed"]]
        let serious = diagnostics.filter { ($0["severity"] as? String) != "info" }
        #expect(serious.isEmpty, "\(serious)")
    }
}
