import Testing
@testable import FlyConfig

/// The rules on the 150 real fly.toml files of `shared/corpus/real`: a config flyctl accepts and
/// deploys gets no error. The exceptions are exactly the files flyctl rejects or that fail at deploy.
@Suite struct RealCorpusRuleTests {
    /// File → the error codes the rules report (flyctl's verdict in the comment).
    static let expectedErrors: [String: [String]] = [
        // flyctl validate: [checks.health] has no type.
        "BerriAI__litellm-agent-platform__cloud-vault_fly.toml": ["HG204"],
        // flyctl validate: a [[services]] entry without processes while [processes] is set.
        "marcocarpani__laninna-hedgehog-app__fly.toml": ["HG207"],
        // flyctl validate passes (its bug), deploy fails: check 'alive' has no port and no http_service.
        "Cordtus__yaci-postgrest__fly.worker.toml": ["HG303"],
    ]

    @Test func onlyTheKnownFilesHaveErrors() throws {
        var loaded = 0
        for url in try SharedCorpus.tomlFiles(in: "real") {
            let name = url.lastPathComponent
            let result = FlyConfigLoader.load(path: url.path)
            guard result.config != nil else { continue }
            loaded += 1
            let found = RuleSet.check(result).filter { $0.severity == .error }
            #expect(found.map(\.code) == Self.expectedErrors[name] ?? [],
                "\(name): \(found.map { $0.formatted(file: name) })")
            for group in result.config?.processNames ?? [] {
                let perGroup = RuleSet.check(result, group: group).filter { $0.severity == .error }
                #expect(perGroup.allSatisfy { (Self.expectedErrors[name] ?? []).contains($0.code) },
                    "\(name) [\(group)]: \(perGroup.map { $0.formatted(file: name) })")
            }
        }
        #expect(loaded >= 140)
    }

    @Test func noRuleCrashesOrPrintsASecretWhole() throws {
        for url in try SharedCorpus.tomlFiles(in: "real") {
            let result = FlyConfigLoader.load(path: url.path)
            guard let config = result.config else { continue }
            for d in RuleSet.check(result) where d.code == "HG401" {
                let name = String(d.path?.dropFirst(4) ?? "")
                if let value = config.env?[name], value.count > 8 { #expect(!d.message.contains(value)) }
            }
        }
    }
}
