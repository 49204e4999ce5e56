import Foundation
import Testing

/// `hangar validate` as a user runs it: output lines, JSON shape and exit codes.
@Suite struct ValidateCommandTests {
    private func write(_ text: String, name: String = "fly.toml") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hangar-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test func validFileExitsZero() throws {
        let file = try write("app = \"ok\"\n")
        let r = try HangarBinary.run(["validate", file.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("configuration is valid"))
    }

    @Test func errorsAreCompilerStyleWithHintAndExitOne() throws {
        let file = try write("app = \"x\"\n[deploy]\n  strategy = \"sideways\"\n")
        let r = try HangarBinary.run(["validate", file.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(file.path):3:3: error[HG202]: unsupported deployment strategy 'sideways'"))
        #expect(r.stdout.contains("\n  hint: "))
    }

    @Test func syntaxErrorHasLineAndColumn() throws {
        let file = try write("app = \"x\"\n[http_service]\nforce_https = tru\n")
        let r = try HangarBinary.run(["validate", file.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(file.path):3:"))
        #expect(r.stdout.contains("error[HG002]"))
    }

    @Test func defaultPathIsFlyTomlInTheWorkingDirectory() throws {
        let file = try write("app = \"here\"\n")
        let r = try HangarBinary.run(["validate"], cwd: file.deletingLastPathComponent())
        #expect(r.status == 0)
        #expect(r.stdout.contains("fly.toml"))
    }

    @Test func directoryMeansItsFlyToml() throws {
        let file = try write("app = \"dir\"\n")
        let r = try HangarBinary.run(["validate", file.deletingLastPathComponent().path])
        #expect(r.status == 0)
    }

    @Test func unreadableFileExitsTwo() throws {
        let r = try HangarBinary.run(["validate", "/nonexistent/hangar/fly.toml"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("HG001"))
    }

    @Test func wrongArgumentsExitTwo() throws {
        let r = try HangarBinary.run(["validate", "--format", "yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--format"))
    }

    @Test func jsonIsOneObjectPerFile() throws {
        let file = try write("app = \"x\"\n[deploy]\nstrategy = \"nope\"\n")
        let r = try HangarBinary.run(["validate", "--format", "json", file.path])
        #expect(r.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["file"] as? String == file.path)
        #expect(object?["ok"] as? Bool == false)
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        let first = diagnostics.first ?? [:]
        #expect(first["severity"] as? String == "error")
        #expect(first["code"] as? String == "HG202")
        #expect(first["line"] as? Int == 3)
        #expect(first["column"] as? Int == 1)
        #expect(first["path"] as? String == "deploy.strategy")
        #expect(Set(first.keys) == ["severity", "code", "message", "hint", "line", "column", "path"])
    }

    @Test func jsonIsAnArrayForSeveralPaths() throws {
        let a = try write("app = \"a\"\n"), b = try write("app = \"b\"\n")
        let r = try HangarBinary.run(["validate", "--format", "json", a.path, b.path])
        #expect(r.status == 0)
        let array = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        #expect(array?.count == 2)
    }

    @Test func worstFileDecidesTheExitCode() throws {
        let good = try write("app = \"a\"\n"), bad = try write("app = 1 = 2\n")
        #expect(try HangarBinary.run(["validate", good.path, bad.path]).status == 1)
        #expect(try HangarBinary.run(["validate", good.path, bad.path, "/nonexistent/fly.toml"]).status == 2)
    }
}

@Suite struct ValidateFlagsTests {
    @Test func strictTurnsUnknownKeysIntoErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hangar-strict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("fly.toml")
        try Data("app = \"x\"\n[http_services]\ninternal_port = 8080\n".utf8).write(to: file)
        let lax = try HangarBinary.run(["validate", file.path])
        #expect(lax.status == 0)
        #expect(lax.stdout.contains("warning[HG110]"))
        #expect(lax.stdout.contains("http_service"))
        let strict = try HangarBinary.run(["validate", "--strict", "-c", file.path])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("\(file.path):2:2: error[HG110]"))
    }
}
