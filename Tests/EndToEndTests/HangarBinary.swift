import Foundation
import Testing

/// Runs the built `hangar` executable as a user would and captures what it prints.
struct HangarRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum HangarBinary {
    /// The `hangar` binary next to the test bundle (SwiftPM puts both in the same products folder).
    static var url: URL? {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("hangar")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// The repository root (two levels above this file's folder).
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `../shared` beside the repository, where CI puts the corpus.
    static var shared: URL { repoRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    static func run(_ arguments: [String], cwd: URL? = nil, stdin: String? = nil) throws -> HangarRun {
        guard let url else { throw HangarBinaryError.notBuilt }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        // Output goes to temporary files so a large stderr can never block a full stdout pipe.
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("hangar-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let outURL = tmp.appendingPathComponent("out"), errURL = tmp.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return HangarRun(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}

enum HangarBinaryError: Error { case notBuilt }

@Suite struct HangarBinaryTests {
    @Test func printsVersion() throws {
        let r = try HangarBinary.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("0.1.0"))
    }
}
