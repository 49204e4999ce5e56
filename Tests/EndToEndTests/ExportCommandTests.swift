import Foundation
import Testing

/// `hangar export` as a user runs it.
@Suite struct ExportCommandTests {
    static func example(_ name: String) -> String { HangarBinary.repoRoot.appendingPathComponent("examples/\(name)").path }

    /// Runs hangar with extra environment variables (HangarBinary.run inherits the test's environment).
    static func run(_ arguments: [String], environment: [String: String] = [:], cwd: URL? = nil) throws -> HangarRun {
        guard let url = HangarBinary.url else { throw HangarBinaryError.notBuilt }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let cwd { process.currentDirectoryURL = cwd }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("hangar-export-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let outURL = tmp.appendingPathComponent("out"), errURL = tmp.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return HangarRun(
            status: process.terminationStatus,
            stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hangar-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test(arguments: ["kubernetes", "nomad", "compose"])
    func printsTheFileAndWarnsOnStderr(_ target: String) throws {
        let r = try Self.run(["export", target, "-c", Self.example("api-worker"), "--image", "img:1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.isEmpty && r.stdout.hasSuffix("\n"))
        #expect(!r.stdout.contains("warning:"))
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("warning: ") })
        // Every warning line is followed by its hint.
        for (i, line) in lines.enumerated() where line.hasPrefix("warning: ") {
            #expect(i + 1 < lines.count && lines[i + 1].hasPrefix("  hint: "))
        }
    }

    @Test func writesIntoADirectory() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for target in ["kubernetes", "nomad", "compose"] {
            let r = try Self.run(["export", target, "-c", Self.example("mcp-vector"), "-o", dir.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("wrote "))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["compose.yaml", "kubernetes.yaml", "nomad.hcl"])
        // Without --image, compose builds the example's Dockerfile, found relative to the file.
        let compose = try String(contentsOf: dir.appendingPathComponent("compose.yaml"), encoding: .utf8)
        let context = compose.split(separator: "\n").first { $0.contains("context:") }.map(String.init) ?? ""
        let relative = context.replacingOccurrences(of: "context:", with: "").trimmingCharacters(in: .whitespaces)
        let resolved = dir.appendingPathComponent(relative).standardizedFileURL.path
        #expect(resolved == URL(fileURLWithPath: Self.example("mcp-vector")).standardizedFileURL.path)
    }

    @Test func secretValuesNeverLeak() throws {
        let values = ["API_TOKEN": "sekrit-token-4f9a", "DATABASE_URL": "postgres://admin:hunter2-9c1e@db/prod"]
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var everything = ""
        for target in ["kubernetes", "nomad", "compose"] {
            for example in ["api-worker", "mcp-vector"] {
                let args = ["export", target, "-c", Self.example(example), "--secret", "API_TOKEN", "--secret", "DATABASE_URL"]
                let r = try Self.run(args, environment: values)
                #expect(r.status == 0, "\(r.stderr)")
                #expect(r.stdout.contains("API_TOKEN") && r.stdout.contains("DATABASE_URL"))
                everything += r.stdout + r.stderr
                let w = try Self.run(args + ["-o", dir.appendingPathComponent(example).path], environment: values)
                everything += w.stdout + w.stderr
            }
        }
        for file in FileManager.default.enumerator(atPath: dir.path)?.compactMap({ $0 as? String }) ?? [] {
            everything += (try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)) ?? ""
        }
        for value in values.values + ["hunter2", "sekrit"] {
            #expect(!everything.contains(value), "a secret value reached the output")
        }
    }

    @Test func secretFlagsTakeNamesOnly() throws {
        let r = try Self.run(["export", "kubernetes", "-c", Self.example("api-worker"), "--secret", "API_TOKEN=hunter2"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--secret takes a name"))
        #expect(!r.stderr.contains("hunter2"))
    }

    @Test func rawExecRunsInTheAppDirectory() throws {
        let r = try Self.run(["export", "nomad", "-c", Self.example("api-worker"), "--driver", "raw_exec"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("driver = \"raw_exec\""))
        #expect(r.stdout.contains("cd \(URL(fileURLWithPath: Self.example("api-worker")).standardizedFileURL.path) && exec python3 api.py"))
        #expect(!r.stdout.contains("image"))
    }

    @Test func countsAndAppName() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("[processes]\nweb = \"srv\"\n".utf8).write(to: dir.appendingPathComponent("fly.toml"))
        let r = try Self.run(["export", "nomad", "-c", dir.path, "-a", "named", "--count", "web=4"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("job \"named\" {"))
        #expect(r.stdout.contains("count = 4"))
        let unknown = try Self.run(["export", "nomad", "-c", dir.path, "-a", "named", "--count", "api=2"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no process group 'api'"))
        let noName = try Self.run(["export", "nomad", "-c", dir.path])
        #expect(noName.status == 1)
        #expect(noName.stderr.contains("app name"))
    }

    @Test func wrongArgumentsAndBadConfigs() throws {
        let wrongDriver = try Self.run(["export", "kubernetes", "-c", Self.example("api-worker"), "--driver", "raw_exec"])
        #expect(wrongDriver.status == 2)
        let wrongTarget = try Self.run(["export", "swarm", "-c", Self.example("api-worker")])
        #expect(wrongTarget.status == 2)
        let missing = try Self.run(["export", "compose", "-c", "/nonexistent/fly.toml"])
        #expect(missing.status == 2)
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("app = \"a\"\n[checks.x]\ntype = \"udp\"\nport = 1\n".utf8).write(to: dir.appendingPathComponent("fly.toml"))
        let invalid = try Self.run(["export", "kubernetes", "-c", dir.path])
        #expect(invalid.status == 1)
        #expect(invalid.stdout.isEmpty)
        #expect(invalid.stderr.contains("error["))
    }
}
