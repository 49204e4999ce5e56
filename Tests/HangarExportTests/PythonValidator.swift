import Foundation
import Testing

/// Runs `Support/validate_exports.py` once over a directory of exported files and returns its JSON.
/// The tools come from PyPI (`python3 -m pip install kubernetes-validate python-hcl2 jsonschema`,
/// done by `.ci/run`); a missing tool fails the test with that instruction.
enum PythonValidator {
    static func run(_ mode: String, files: [String: String], extraArguments: [String] = []) throws -> [String: Any] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hangar-export-\(mode)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        let script = ExportFixtures.support.appendingPathComponent("validate_exports.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, mode, dir.path] + extraArguments
        let outURL = dir.appendingPathComponent("stdout.json"), errURL = dir.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw ValidatorError("python3 cannot be started (\(error)); install python3 and run "
                + "`python3 -m pip install kubernetes-validate python-hcl2 jsonschema` (.ci/run does)")
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let data = (try? Data(contentsOf: outURL)) ?? Data()
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        guard process.terminationStatus == 0,
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw ValidatorError("validate_exports.py \(mode) failed (status \(process.terminationStatus)): \(stderr)")
        }
        if let fatal = json["fatal"] as? String { throw ValidatorError(fatal) }
        return json
    }

    /// `files` of the result: name → per-file result.
    static func files(_ json: [String: Any]) -> [String: [String: Any]] {
        (json["files"] as? [String: [String: Any]]) ?? [:]
    }

    /// Every error, as `file: message`.
    static func errors(_ json: [String: Any]) -> [String] {
        files(json).sorted { $0.key < $1.key }.flatMap { name, result in
            ((result["errors"] as? [String]) ?? []).map { "\(name): \($0)" }
        }
    }
}

struct ValidatorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
