import FlyConfig
import Foundation
import Testing
@testable import HangarExport

/// Both examples and every real-world config that validates, exported to each target and checked
/// by the engine's own schema or parser: one Python process per format over all files.
@Suite struct EngineValidationTests {
    @Test func corpusIsThere() throws {
        let corpus = ExportFixtures.corpus
        try #require(corpus.total > 0, "no files in \(ExportFixtures.shared.path)/corpus/real")
        #expect(corpus.cases.count > 100)
        // Export never needs a command (the image's CMD runs), so every valid config plans.
        #expect(corpus.unplannable.isEmpty, "\(corpus.unplannable)")
        print("corpus: \(corpus.total) files, \(corpus.cases.count) validate and export, \(corpus.invalid.count) have config errors")
    }

    @Test func kubernetesPassesKubernetesValidateStrict() throws {
        let files = try ExportFixtures.renderAll(.kubernetes, ext: "yaml")
        let crd = ExportFixtures.support.appendingPathComponent("crd").path
        let json = try PythonValidator.run("kubernetes", files: files, extraArguments: ["--crd-schemas", crd])
        let results = PythonValidator.files(json)
        #expect(results.count == files.count)
        let errors = PythonValidator.errors(json)
        #expect(errors.isEmpty, "\(errors.prefix(20).joined(separator: "\n"))")
        let documents = results.values.map { ($0["documents"] as? Int) ?? 0 }.reduce(0, +)
        let validated = results.values.map { ($0["validated"] as? Int) ?? 0 }.reduce(0, +)
        let crdValidated = results.values.map { ($0["crd_validated"] as? Int) ?? 0 }.reduce(0, +)
        let unvalidated = results.values.flatMap { ($0["unvalidated"] as? [String]) ?? [] }
        // kubernetes-validate has no schema for custom resources; ours are checked against the KEDA
        // schema in Support/crd, so nothing goes unchecked.
        #expect(unvalidated.isEmpty, "\(unvalidated)")
        #expect(validated + crdValidated == documents)
        #expect(crdValidated > 0, "the corpus run should include KEDA HTTPScaledObjects")
        let version = json["kubernetes_version"] as? String ?? "?"
        print("kubernetes: \(files.count) files, \(documents) objects: \(validated) pass kubernetes-validate --strict "
            + "(Kubernetes \(version)), \(crdValidated) KEDA objects pass the CRD schema")
    }

    @Test func composeMatchesTheComposeSpecification() throws {
        let files = try ExportFixtures.renderAll(.compose, ext: "yaml")
        let schema = ExportFixtures.shared.appendingPathComponent("reference/schemas/compose-spec.json").path
        let json = try PythonValidator.run("compose", files: files, extraArguments: ["--compose-schema", schema])
        #expect(PythonValidator.files(json).count == files.count)
        let errors = PythonValidator.errors(json)
        #expect(errors.isEmpty, "\(errors.prefix(20).joined(separator: "\n"))")
        print("compose: \(files.count) files pass compose-spec.json")
    }

    @Test func nomadParsesAsHCL2() throws {
        var files = try ExportFixtures.renderAll(.nomad, ext: "hcl")
        // raw_exec too, for the corpus configs that name their commands.
        for c in ExportFixtures.corpus.cases where c.plan.groups.allSatisfy({ !$0.spec.command.isEmpty }) {
            var options = c.options
            options.driver = .rawExec
            options.workingDirectory = "/srv/\(c.plan.app)"
            files["raw-\(c.name).hcl"] = try HangarExport.render(.nomad, plan: c.plan, config: c.config, options: options).text
        }
        let json = try PythonValidator.run("nomad", files: files)
        let results = PythonValidator.files(json)
        #expect(results.count == files.count)
        let errors = PythonValidator.errors(json)
        #expect(errors.isEmpty, "\(errors.prefix(20).joined(separator: "\n"))")
        for (name, result) in results {
            let jobs = (result["job"] as? [String: Any])?["job"] as? [[String: Any]]
            #expect(jobs?.count == 1, "\(name): one job block")
        }
        print("nomad: \(files.count) jobs parse with python-hcl2")
    }
}
