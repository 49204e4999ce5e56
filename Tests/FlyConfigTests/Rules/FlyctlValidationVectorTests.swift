import Testing
@testable import FlyConfig

/// flyctl's verdicts on its own validation vectors (`shared/corpus/flyctl-testdata`, EXPECTED.md):
/// whole-app validation and per-group validation (`RuleSet.check(_:group:)`).
@Suite struct FlyctlValidationVectorTests {
    private func errors(_ d: [Diagnostic]) -> [Diagnostic] { d.filter { $0.severity == .error } }

    @Test func validateGroupsWithCanary() {
        var loaded = FlyctlVectors.load("validate-groups.toml")
        #expect(loaded.config != nil)
        var deploy = loaded.config?.deploy ?? Deploy()
        deploy.strategy = "canary"
        loaded.config?.deploy = deploy

        let whole = errors(RuleSet.validate(loaded))
        #expect(whole.contains {
            $0.code == "HG203" && $0.message == "error canary deployment strategy is not supported when using mounted volumes"
        })
        #expect(!errors(RuleSet.validate(loaded, group: "app")).isEmpty)
        #expect(errors(RuleSet.validate(loaded, group: "foo")).isEmpty)
    }

    @Test func validateGroupsAsWritten() {
        let loaded = FlyctlVectors.load("validate-groups.toml")
        #expect(errors(RuleSet.validate(loaded)).isEmpty)
    }

    @Test func validateMounts() {
        let loaded = FlyctlVectors.load("validate-mounts.toml")
        let whole = errors(RuleSet.validate(loaded))
        let small = whole.first { $0.message.contains("has an initial_size '15Mb' value which is smaller than 1GB") }
        #expect(small?.code == "HG211")
        #expect(small?.path == "mounts[0].initial_size")
        #expect(small?.position?.line == 12)
        let unparsable = whole.first { $0.message.hasPrefix("mount 'data' with initial_size 'unparseable' will fail because of:") }
        #expect(unparsable?.position?.line == 18)

        let app = errors(RuleSet.validate(loaded, group: "app"))
        let many = app.first { $0.message == "group 'app' has more than one [[mounts]] section defined" }
        #expect(many?.code == "HG304")
        #expect(many?.path == "mounts[3]")
        #expect(many?.position?.line == 26)
        // Hangar also reports it when validating the whole app (flyctl does not).
        #expect(whole.contains { $0.code == "HG304" })
    }

    @Test func validateServices() {
        let loaded = FlyctlVectors.load("validate-services.toml")
        let whole = RuleSet.validate(loaded)
        let noProcesses = whole.first { $0.message.hasPrefix("Service has no processes set") }
        #expect(noProcesses?.severity == .error)
        #expect(noProcesses?.code == "HG207")
        #expect(noProcesses?.position?.line == 12)
        let noPorts = whole.first { $0.message.hasPrefix("Service must expose at least one port") }
        #expect(noPorts?.severity == .warning)
        #expect(noPorts?.code == "HG220")
        #expect(errors(RuleSet.validate(loaded, group: "success")).isEmpty)
    }

    @Test func fullReferenceStrategyIsRejected() {
        let loaded = FlyctlVectors.load("full-reference.toml")
        let strategy = errors(RuleSet.validate(loaded)).first { $0.code == "HG202" }
        #expect(strategy?.message.hasPrefix("unsupported deployment strategy 'rolling-eyes'") == true)
        #expect(strategy?.path == "deploy.strategy")
        #expect(strategy?.position?.line == 40)
    }

    @Test func vectorsThatFlyctlAcceptsHaveNoRuleErrors() throws {
        // Every other vector loads and passes flyctl's validation; the rules must agree, except for
        // what fails at deploy (tomachine-default-for-new-apps borrows its check port, so it passes).
        let rejected: Set<String> = [
            "always-invalid-v2.toml", "full-reference.toml", "validate-mounts.toml", "validate-services.toml",
        ]
        for url in try SharedCorpus.tomlFiles(in: "flyctl-testdata") where !rejected.contains(url.lastPathComponent) {
            let loaded = FlyConfigLoader.load(path: url.path)
            let found = errors(RuleSet.validate(loaded))
            #expect(found.isEmpty, "\(url.lastPathComponent): \(found.map { $0.formatted(file: url.lastPathComponent) })")
        }
    }
}
